<?php
/**
 * Plugin Name:       Ascolto Chat
 * Description:       The anonymous chat of your helpline, served by your own Ascolto server: a launcher on every page, or the chat inside a page with the [ascolto_chat] shortcode, and the report form with [ascolto_report].
 * Version:           1.0.0
 * Requires at least: 5.8
 * Requires PHP:      7.4
 * License:           AGPL-3.0-or-later
 * Text Domain:       ascolto-chat
 * Domain Path:       /languages
 */

// The plugin only writes one <script> tag pointing at the helpline's own Ascolto server: no
// request to anyone else, no cookie, nothing stored about visitors in WordPress.

if (!defined('ABSPATH')) {
	exit;
}

define('ASCOLTO_CHAT_OPTION', 'ascolto_chat');

require_once __DIR__ . '/includes/options.php';
require_once __DIR__ . '/includes/embed.php';
require_once __DIR__ . '/includes/settings-page.php';

// the plugin's own translations (languages/, made by scripts/wordpress-i18n.ts) for sites that
// do not get them from WordPress.org
function ascolto_chat_load_textdomain() {
	load_plugin_textdomain('ascolto-chat', false, dirname(plugin_basename(__FILE__)) . '/languages');
}

add_action('init', 'ascolto_chat_load_textdomain');
add_shortcode('ascolto_chat', 'ascolto_chat_shortcode');
add_shortcode('ascolto_report', 'ascolto_report_shortcode');
add_action('wp_footer', 'ascolto_chat_footer');
add_action('admin_menu', 'ascolto_chat_admin_menu');
add_action('admin_init', 'ascolto_chat_register_settings');

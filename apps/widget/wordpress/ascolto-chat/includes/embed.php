<?php
// What the visitor's page gets: the widget's script tag, every attribute escaped. The launcher on
// every page (wp_footer), or, with [ascolto_chat mode="page"], the chat filling a box in the page.

if (!defined('ABSPATH')) {
	exit;
}

/**
 * The <script> tag for these options, or '' when the plugin is not configured yet.
 * $container: the id of an element the chat fills (a page embed), or '' for the floating launcher.
 */
function ascolto_chat_script_tag($options, $container = '') {
	if ($options['server'] === '' || $options['channel'] === '') {
		return '';
	}
	$attributes = array(
		'src'                  => esc_url($options['server'] . '/widget.js'),
		'data-ascolto-channel' => esc_attr($options['channel']),
	);
	if ($options['position'] === 'left') {
		$attributes['data-ascolto-position'] = 'left';
	}
	if ($options['color'] !== '') {
		$attributes['data-ascolto-color'] = esc_attr($options['color']);
	}
	if ($options['exit_url'] !== '') {
		$attributes['data-ascolto-exit-url'] = esc_url($options['exit_url']);
	}
	if ($container !== '') {
		$attributes['data-ascolto-container'] = esc_attr($container);
	}
	$html = '<script';
	foreach ($attributes as $name => $value) {
		$html .= ' ' . $name . '="' . $value . '"';
	}
	return $html . ' async></script>';
}

/**
 * [ascolto_chat]: the launcher on this page; [ascolto_chat mode="page" height="640"]: the chat
 * open inside the page, in a box of that height (pixels).
 */
function ascolto_chat_shortcode($atts = array()) {
	static $count = 0;
	$atts = shortcode_atts(array('mode' => 'launcher', 'height' => '640'), $atts, 'ascolto_chat');
	$options = ascolto_chat_options();
	if ($atts['mode'] !== 'page') {
		// The footer prints the launcher on every page anyway; once is enough.
		return $options['everywhere'] === '1' ? '' : ascolto_chat_script_tag($options);
	}
	$count++;
	$id = 'ascolto-chat-' . $count;
	$height = max(320, min(2000, (int) $atts['height']));
	$tag = ascolto_chat_script_tag($options, $id);
	if ($tag === '') {
		return '';
	}
	// No inline script: the widget finds the box by its id. The height is a style attribute; a site
	// whose CSP refuses inline styles sizes .ascolto-chat-page in its theme's stylesheet instead.
	return '<div id="' . esc_attr($id) . '" class="ascolto-chat-page" style="height:' . $height . 'px;max-height:100vh"></div>' . $tag;
}

function ascolto_chat_footer() {
	$options = ascolto_chat_options();
	if ($options['everywhere'] === '1') {
		echo ascolto_chat_script_tag($options); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped in ascolto_chat_script_tag
	}
}

<?php
// What the visitor's page gets: the widget's script tag, every attribute escaped. The launcher on
// every page (wp_footer), or, with [ascolto_chat mode="page"], the chat filling a box in the page;
// [ascolto_report] puts the helpline's report form ("Segnala") in a box the same way.

if (!defined('ABSPATH')) {
	exit;
}

/**
 * The <script> tag for these options, or '' when the plugin is not configured yet.
 * $container: the id of an element the chat fills (a page embed), or '' for the floating launcher.
 * $mode: 'report' for the report form instead of the chat.
 */
function ascolto_chat_script_tag($options, $container = '', $mode = '') {
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
	if ($mode === 'report') {
		$attributes['data-ascolto-mode'] = 'report';
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
	$atts = shortcode_atts(array('mode' => 'launcher', 'height' => '640'), $atts, 'ascolto_chat');
	$options = ascolto_chat_options();
	if ($atts['mode'] !== 'page') {
		// The footer prints the launcher on every page anyway; once is enough.
		return $options['everywhere'] === '1' ? '' : ascolto_chat_script_tag($options);
	}
	return ascolto_chat_page_box($options, $atts['height']);
}

/** [ascolto_report height="900"]: the report form inside the page, in a box of that height (pixels). */
function ascolto_report_shortcode($atts = array()) {
	$atts = shortcode_atts(array('height' => '900'), $atts, 'ascolto_report');
	return ascolto_chat_page_box(ascolto_chat_options(), $atts['height'], 'report');
}

/** A box in the page that the widget fills (the chat, or the report form), and its script tag. */
function ascolto_chat_page_box($options, $height, $mode = '') {
	static $count = 0;
	$count++;
	$id = 'ascolto-chat-' . $count;
	$height = max(320, min(2000, (int) $height));
	$tag = ascolto_chat_script_tag($options, $id, $mode);
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

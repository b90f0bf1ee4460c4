<?php
// The plugin's settings, one option, always read through here so that whatever is stored (an old
// version's value, a hand-edited database) comes out checked.

if (!defined('ABSPATH')) {
	exit;
}

function ascolto_chat_defaults() {
	return array(
		'server'     => '',
		'channel'    => '',
		'position'   => 'right',
		'color'      => '',
		'everywhere' => '0',
		'exit_url'   => '',
	);
}

/** The Ascolto server's origin (scheme, host, port), or '' when the value is not an http(s) URL. */
function ascolto_chat_clean_server($value) {
	$value = trim((string) $value);
	if (!preg_match('#^(https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?)/*$#', $value, $match)) {
		return '';
	}
	return $match[1];
}

/** A channel id is a UUID; anything else is dropped. */
function ascolto_chat_clean_channel($value) {
	$value = strtolower(trim((string) $value));
	return preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/', $value) ? $value : '';
}

function ascolto_chat_clean_color($value) {
	$value = trim((string) $value);
	return preg_match('/^#[0-9a-fA-F]{6}$/', $value) ? strtolower($value) : '';
}

function ascolto_chat_clean_url($value) {
	$value = trim((string) $value);
	return preg_match('#^https?://#i', $value) ? $value : '';
}

/** Checks every field; used both when saving the settings page and when reading the option. */
function ascolto_chat_sanitize($input) {
	$input = is_array($input) ? $input : array();
	$clean = ascolto_chat_defaults();
	$clean['server']     = ascolto_chat_clean_server(isset($input['server']) ? $input['server'] : '');
	$clean['channel']    = ascolto_chat_clean_channel(isset($input['channel']) ? $input['channel'] : '');
	$clean['position']   = (isset($input['position']) && $input['position'] === 'left') ? 'left' : 'right';
	$clean['color']      = ascolto_chat_clean_color(isset($input['color']) ? $input['color'] : '');
	$clean['everywhere'] = !empty($input['everywhere']) ? '1' : '0';
	$clean['exit_url']   = ascolto_chat_clean_url(isset($input['exit_url']) ? $input['exit_url'] : '');
	return $clean;
}

function ascolto_chat_options() {
	return ascolto_chat_sanitize(get_option(ASCOLTO_CHAT_OPTION, array()));
}

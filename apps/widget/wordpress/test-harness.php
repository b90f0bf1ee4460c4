<?php
// Runs the plugin outside WordPress for its tests (e2e/widget-wordpress.test.ts): the few
// WordPress functions it calls, stubbed after WordPress's own behaviour, then the calls asked on
// stdin as JSON: {"options": {...}, "locale": "it_IT", "calls": [{"call": "shortcode", "atts": {...}}, ...]}.
// Prints one JSON array: what each call returned or printed.

define('ABSPATH', __DIR__ . '/');

$GLOBALS['hooks'] = array();
$GLOBALS['options'] = array();

function add_shortcode($tag, $callback) { $GLOBALS['hooks'][] = array('shortcode', $tag, $callback); }
function add_action($hook, $callback) { $GLOBALS['hooks'][] = array('action', $hook, $callback); }
function get_option($name, $default = false) {
	return array_key_exists($name, $GLOBALS['options']) ? $GLOBALS['options'][$name] : $default;
}
// As WordPress's: the plugin's .mo for the site's locale ($input['locale']), read at `init`.
function plugin_basename($file) { return basename(dirname($file)) . '/' . basename($file); }
function load_plugin_textdomain($domain, $deprecated, $relative) {
	$file = __DIR__ . '/' . $relative . '/' . $domain . '-' . $GLOBALS['locale'] . '.mo';
	$GLOBALS['l10n'][$domain] = is_readable($file) ? read_mo(file_get_contents($file)) : array();
	return is_readable($file);
}
// A little-endian .mo file (what gettext's msgfmt and gettext-parser write): its string tables.
function read_mo($bytes) {
	$header = unpack('Vmagic/Vrevision/Vcount/Voriginals/Vtranslations', substr($bytes, 0, 20));
	$texts = array();
	for ($i = 0; $i < $header['count']; $i++) {
		$original = unpack('Vlength/Voffset', substr($bytes, $header['originals'] + 8 * $i, 8));
		$translation = unpack('Vlength/Voffset', substr($bytes, $header['translations'] + 8 * $i, 8));
		$texts[substr($bytes, $original['offset'], $original['length'])] =
			substr($bytes, $translation['offset'], $translation['length']);
	}
	return $texts;
}
function __($text, $domain = 'default') {
	return isset($GLOBALS['l10n'][$domain][$text]) && $GLOBALS['l10n'][$domain][$text] !== '' ? $GLOBALS['l10n'][$domain][$text] : $text;
}
function esc_html($text) { return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8'); }
function esc_html__($text, $domain = 'default') { return esc_html(__($text, $domain)); }
function esc_attr($text) { return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8'); }
// As WordPress's: only allowed protocols survive, characters outside a URL's are dropped, & and
// quotes are encoded for display in HTML.
function esc_url($url) {
	$url = preg_replace('|[^a-z0-9-~+_.?#=!&;,/:%@$\|*\'()\[\]\x80-\xff]|i', '', (string) $url);
	if ($url === '' || !preg_match('#^(https?):#i', $url)) {
		return '';
	}
	$url = str_replace('&amp;', '&#038;', str_replace('&', '&amp;', $url));
	return str_replace("'", '&#039;', $url);
}
// As WordPress's: only the known attributes, with their defaults.
function shortcode_atts($pairs, $atts, $shortcode = '') {
	$atts = (array) $atts;
	$out = array();
	foreach ($pairs as $name => $default) {
		$out[$name] = array_key_exists($name, $atts) ? $atts[$name] : $default;
	}
	return $out;
}
function checked($a, $b) { if ((string) $a === (string) $b) echo " checked='checked'"; }
function current_user_can($capability) { return true; }
function settings_fields($group) { echo '<input type="hidden" name="option_page" value="' . esc_attr($group) . '">'; }
function submit_button() { echo '<input type="submit" class="button button-primary" value="Save Changes">'; }
function add_options_page() { $GLOBALS['hooks'][] = array('options_page', func_get_args()); }
function register_setting($group, $name, $args) { $GLOBALS['hooks'][] = array('setting', $group, $name, $args['sanitize_callback']); }

require __DIR__ . '/ascolto-chat/ascolto-chat.php';

$input = json_decode(stream_get_contents(STDIN), true);
$GLOBALS['options'] = array(ASCOLTO_CHAT_OPTION => isset($input['options']) ? $input['options'] : array());
$GLOBALS['locale'] = isset($input['locale']) ? $input['locale'] : 'en_US';
// WordPress runs `init` before anything a page asks
foreach ($GLOBALS['hooks'] as $hook) {
	if ($hook[0] === 'action' && $hook[1] === 'init') call_user_func($hook[2]);
}
$results = array();
foreach ($input['calls'] as $call) {
	ob_start();
	$returned = null;
	switch ($call['call']) {
		case 'shortcode':
			$returned = ascolto_chat_shortcode(isset($call['atts']) ? $call['atts'] : array());
			break;
		case 'report-shortcode':
			$returned = ascolto_report_shortcode(isset($call['atts']) ? $call['atts'] : array());
			break;
		case 'footer':
			ascolto_chat_footer();
			break;
		case 'settings-page':
			ascolto_chat_settings_page();
			break;
		case 'sanitize':
			$returned = ascolto_chat_sanitize($call['input']);
			break;
		case 'hooks':
			$returned = array_map(function ($hook) { return array_slice($hook, 0, 3); }, $GLOBALS['hooks']);
			break;
	}
	$printed = ob_get_clean();
	$results[] = array('returned' => $returned, 'printed' => $printed);
}
echo json_encode($results);

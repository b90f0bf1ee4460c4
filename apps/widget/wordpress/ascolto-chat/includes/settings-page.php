<?php
// Settings → Ascolto Chat: the server, the channel, the corner, the colour, the launcher on every
// page or only where the shortcode is, and where quick exit goes.

if (!defined('ABSPATH')) {
	exit;
}

function ascolto_chat_admin_menu() {
	add_options_page(
		__('Ascolto Chat', 'ascolto-chat'),
		__('Ascolto Chat', 'ascolto-chat'),
		'manage_options',
		'ascolto-chat',
		'ascolto_chat_settings_page'
	);
}

function ascolto_chat_register_settings() {
	register_setting('ascolto_chat', ASCOLTO_CHAT_OPTION, array(
		'type'              => 'array',
		'sanitize_callback' => 'ascolto_chat_sanitize',
		'default'           => ascolto_chat_defaults(),
	));
}

function ascolto_chat_settings_page() {
	if (!current_user_can('manage_options')) {
		return;
	}
	$options = ascolto_chat_options();
	$name = ASCOLTO_CHAT_OPTION;
	?>
	<div class="wrap">
		<h1><?php echo esc_html__('Ascolto Chat', 'ascolto-chat'); ?></h1>
		<p><?php echo esc_html__('The chat is served by your helpline\'s Ascolto server. Add the server to your site\'s Content-Security-Policy if it has one (script-src and connect-src, see the plugin\'s readme).', 'ascolto-chat'); ?></p>
		<form method="post" action="options.php">
			<?php settings_fields('ascolto_chat'); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="ascolto-server"><?php echo esc_html__('Ascolto server address', 'ascolto-chat'); ?></label></th>
					<td><input id="ascolto-server" class="regular-text" type="url" name="<?php echo esc_attr($name); ?>[server]" value="<?php echo esc_attr($options['server']); ?>" placeholder="https://ascolto.example.org" required></td>
				</tr>
				<tr>
					<th scope="row"><label for="ascolto-channel"><?php echo esc_html__('Channel id (printed by ascolto create-helpline)', 'ascolto-chat'); ?></label></th>
					<td><input id="ascolto-channel" class="regular-text code" type="text" name="<?php echo esc_attr($name); ?>[channel]" value="<?php echo esc_attr($options['channel']); ?>" pattern="[0-9a-fA-F-]{36}" required></td>
				</tr>
				<tr>
					<th scope="row"><?php echo esc_html__('Position', 'ascolto-chat'); ?></th>
					<td>
						<label><input type="radio" name="<?php echo esc_attr($name); ?>[position]" value="right" <?php checked($options['position'], 'right'); ?>> <?php echo esc_html__('Bottom right', 'ascolto-chat'); ?></label><br>
						<label><input type="radio" name="<?php echo esc_attr($name); ?>[position]" value="left" <?php checked($options['position'], 'left'); ?>> <?php echo esc_html__('Bottom left', 'ascolto-chat'); ?></label>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="ascolto-color"><?php echo esc_html__('Colour (white text must be readable on it)', 'ascolto-chat'); ?></label></th>
					<td><input id="ascolto-color" type="color" name="<?php echo esc_attr($name); ?>[color]" value="<?php echo esc_attr($options['color'] !== '' ? $options['color'] : '#0b5560'); ?>"></td>
				</tr>
				<tr>
					<th scope="row"><?php echo esc_html__('Where', 'ascolto-chat'); ?></th>
					<td><label><input type="checkbox" name="<?php echo esc_attr($name); ?>[everywhere]" value="1" <?php checked($options['everywhere'], '1'); ?>> <?php echo esc_html__('The chat button on every page (otherwise only where the [ascolto_chat] shortcode is)', 'ascolto-chat'); ?></label></td>
				</tr>
				<tr>
					<th scope="row"><label for="ascolto-exit"><?php echo esc_html__('Quick exit goes to', 'ascolto-chat'); ?></label></th>
					<td><input id="ascolto-exit" class="regular-text" type="url" name="<?php echo esc_attr($name); ?>[exit_url]" value="<?php echo esc_attr($options['exit_url']); ?>" placeholder="https://www.google.com/search?q=meteo"></td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
		<h2><?php echo esc_html__('Shortcodes', 'ascolto-chat'); ?></h2>
		<p><code>[ascolto_chat]</code> <?php echo esc_html__('the chat button on this page', 'ascolto-chat'); ?></p>
		<p><code>[ascolto_chat mode="page" height="640"]</code> <?php echo esc_html__('the chat open inside the page', 'ascolto-chat'); ?></p>
	</div>
	<?php
}

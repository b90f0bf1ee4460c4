<?php
// Removing the plugin removes its one option; it never stored anything about visitors.
if (!defined('WP_UNINSTALL_PLUGIN')) {
	exit;
}
delete_option('ascolto_chat');

// The plugin in a real WordPress: Debian's package, served by PHP's built-in server against
// MariaDB. A coordinator of the association sets the plugin up on its settings page, puts the
// shortcode in a page, and a visitor writes in the chat inside that page. Runs where WordPress
// (apt-get install wordpress) and MariaDB on 127.0.0.1:3306 (root, no password) are present.
import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { pluginDir } from '../scripts/pack-wordpress.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { eventually, inboundStored } from './widget-helpers.ts'

const WORDPRESS = '/usr/share/wordpress'
const mysql = (sql: string) => execFileSync('mysql', ['-uroot', '-h127.0.0.1', '-e', sql]).toString()

function available(): string | false {
  if (!existsSync(`${WORDPRESS}/wp-settings.php`)) return 'Debian’s wordpress package is not installed'
  try {
    mysql('select 1')
  } catch {
    return 'no MariaDB on 127.0.0.1:3306 for root without a password'
  }
  return false
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

// A theme of a few lines: the page's content between wp_head and wp_footer, as every theme has.
const THEME_CSS = '/*\nTheme Name: Ascolto test\n*/\n'
const THEME_INDEX = `<?php ?><!doctype html><html <?php language_attributes(); ?>><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><?php wp_head(); ?></head>
<body><main><?php while (have_posts()) { the_post(); the_title('<h1>', '</h1>'); the_content(); } ?></main>
<?php wp_footer(); ?></body></html>`

const skip = available()

describe('the plugin in a real WordPress', { skip }, () => {
  let server: TestServer
  let browser: Browser
  let wordpress: ChildProcess | undefined
  let site = ''
  let root = ''
  let channelId = ''
  const database = `ascolto_wp_${process.pid}`
  const password = 'una-password-lunga-per-la-prova'

  before(async () => {
    server = await startTestServer()
    ;({ channelId } = await makeHelpline(server.pool))
    root = await mkdtemp(path.join(tmpdir(), 'ascolto-wordpress-'))
    const docroot = path.join(root, 'wordpress')
    // hard links: WordPress's own files, untouched, in a folder of the test's (only new files are written)
    execFileSync('cp', ['-al', WORDPRESS, docroot])
    await rm(path.join(docroot, 'wp-config.php'))
    const port = await freePort()
    site = `http://127.0.0.1:${port}`
    mysql(`create database ${database}`)
    await writeFile(
      path.join(docroot, 'wp-config.php'),
      `<?php
define('DB_NAME', '${database}'); define('DB_USER', 'root'); define('DB_PASSWORD', ''); define('DB_HOST', '127.0.0.1');
define('WP_HOME', '${site}'); define('WP_SITEURL', '${site}');
define('WP_HTTP_BLOCK_EXTERNAL', true); define('DISALLOW_FILE_MODS', true); define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
$table_prefix = 'wp_';
define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
    )
    const content = path.join(docroot, 'wp-content')
    await rm(path.join(content, 'plugins'), { recursive: true })
    await cp(pluginDir, path.join(content, 'plugins', 'ascolto-chat'), { recursive: true })
    await mkdir(path.join(content, 'themes', 'ascolto-test'), { recursive: true })
    await writeFile(path.join(content, 'themes', 'ascolto-test', 'style.css'), THEME_CSS)
    await writeFile(path.join(content, 'themes', 'ascolto-test', 'index.php'), THEME_INDEX)
    wordpress = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', docroot], { stdio: 'ignore' })
    await eventually('WordPress answers', async () => (await fetch(site).catch(() => null)) !== null)

    // WordPress's own installer, then its own functions for the theme, the plugin and the page
    const install = await fetch(`${site}/wp-admin/install.php?step=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        weblog_title: 'Associazione Il Filo',
        user_name: 'coordinatrice',
        admin_password: password,
        admin_password2: password,
        pw_weak: '1',
        admin_email: 'coordinatrice@example.org',
        blog_public: '0',
      }),
    })
    assert.equal(install.status, 200)
    const setup = path.join(root, 'setup.php')
    await writeFile(
      setup,
      `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';
require '${docroot}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
switch_theme('ascolto-test');
$activated = activate_plugin('ascolto-chat/ascolto-chat.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
update_option('permalink_structure', '');
echo wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Parla con noi',
  'post_content' => '<p>Scrivici, anche in forma anonima.</p>[ascolto_chat mode="page" height="560"]'));
`,
    )
    const pageId = execFileSync('php', [setup]).toString().trim()
    assert.match(pageId, /^\d+$/)
    site = `${site}/?page_id=${pageId}`
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    wordpress?.kill()
    if (skip === false) mysql(`drop database if exists ${database}`)
    if (root) await rm(root, { recursive: true, force: true })
    await server?.close()
  })

  it('is set up on its settings page and carries the chat inside a page', async () => {
    const origin = new URL(site).origin
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT' })
    const admin = await context.newPage()
    // before it is set up the page carries nothing of the chat
    await admin.goto(site)
    await admin.getByRole('heading', { name: 'Parla con noi' }).waitFor()
    assert.equal(await admin.locator('script[data-ascolto-channel]').count(), 0)

    await admin.goto(`${origin}/wp-login.php`)
    await admin.locator('#user_login').fill('coordinatrice')
    await admin.locator('#user_pass').fill(password)
    await admin.locator('#wp-submit').click()
    await admin.waitForURL(/wp-admin/)
    await admin.goto(`${origin}/wp-admin/options-general.php?page=ascolto-chat`)
    await admin.getByLabel('Ascolto server address').fill(server.url)
    await admin.getByLabel('Channel id (printed by ascolto create-helpline)').fill(channelId)
    await admin.getByLabel('Bottom left').check()
    await admin.locator('#ascolto-color').fill('#5a2d82')
    await admin.getByRole('button', { name: 'Save Changes' }).click()
    await admin.getByText('Settings saved.').waitFor()
    await screenshot(admin, 'widget-wordpress-settings-1280')

    // the visitor: another browser, none of the coordinator's cookies
    const visitorContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'it-IT',
    })
    const visitor = await visitorContext.newPage()
    await visitor.goto(site)
    const textbox = visitor.getByRole('textbox', { name: 'Scrivi un messaggio' })
    await textbox.waitFor()
    assert.equal(
      await visitor.locator('#ascolto-chat-1').evaluate((box) => box.getBoundingClientRect().height),
      560,
    )
    await textbox.fill('Scrivo dal sito WordPress dell’associazione')
    await visitor.getByRole('button', { name: 'Invia' }).click()
    await inboundStored(server.pool, channelId, 1)
    await screenshot(visitor, 'widget-wordpress-real-1280')
    await visitorContext.close()
    await context.close()
  })
})

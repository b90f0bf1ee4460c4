// The WordPress plugin: every PHP file passes `php -l`; the shortcode and the footer, run under a
// harness that stubs the few WordPress functions they call, print the widget's script tag with
// every attribute escaped and refuse what is not a server, a channel or a colour; the build's zip
// holds the plugin as WordPress expects it; and the shortcode's markup, on a page in Chromium,
// opens the real chat inside the page.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { makeHelpline, startTestServer, type TestServer } from '../apps/server/src/testing/test-server.ts'
import { packWordpressPlugin, pluginDir } from '../scripts/pack-wordpress.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { type HostSite, headerColour, inboundStored, startHostSite } from './widget-helpers.ts'

const harness = path.join(pluginDir, '..', 'test-harness.php')
const CHANNEL = '0b9a3a5e-4a3c-4a4e-9b57-1f2d3c4b5a69'

type Call =
  | { call: 'shortcode' | 'report-shortcode'; atts?: Record<string, string> }
  | { call: 'footer' | 'settings-page' | 'hooks' }
type Result = { returned: unknown; printed: string }

function runPlugin(options: Record<string, unknown>, calls: Call[], locale = 'en_US'): Result[] {
  const out = execFileSync('php', [harness], { input: JSON.stringify({ options, locale, calls }) })
  return JSON.parse(out.toString()) as Result[]
}
const shortcode = (options: Record<string, unknown>, atts?: Record<string, string>) =>
  runPlugin(options, [{ call: 'shortcode', atts }])[0]?.returned

async function phpFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.php'))
    .map((e) => path.join(e.parentPath, e.name))
}

/** A script tag whose every attribute is name="value" with nothing that could close it. */
const SAFE_TAG = /^<script( [a-z-]+="[^"<>]*")+ async><\/script>$/

describe('the WordPress plugin', () => {
  it('passes php -l, every file', async () => {
    const files = [...(await phpFiles(pluginDir)), harness]
    assert.ok(files.length >= 5)
    for (const file of files) {
      const lint = execFileSync('php', ['-l', file]).toString()
      assert.match(lint, /No syntax errors detected/, file)
    }
  })

  it('registers its shortcode, footer and settings page', () => {
    const hooks = runPlugin({}, [{ call: 'hooks' }])[0]?.returned
    assert.deepEqual(hooks, [
      ['action', 'init', 'ascolto_chat_load_textdomain'],
      ['shortcode', 'ascolto_chat', 'ascolto_chat_shortcode'],
      ['shortcode', 'ascolto_report', 'ascolto_report_shortcode'],
      ['action', 'wp_footer', 'ascolto_chat_footer'],
      ['action', 'admin_menu', 'ascolto_chat_admin_menu'],
      ['action', 'admin_init', 'ascolto_chat_register_settings'],
    ])
  })

  it('prints the script tag for the launcher, with the chosen corner and colour', () => {
    const options = {
      server: 'https://ascolto.example.org/',
      channel: CHANNEL,
      position: 'left',
      color: '#AA3366',
    }
    assert.equal(
      shortcode(options),
      `<script src="https://ascolto.example.org/widget.js" data-ascolto-channel="${CHANNEL}" ` +
        'data-ascolto-position="left" data-ascolto-color="#aa3366" async></script>',
    )
    // not configured yet: nothing at all
    assert.equal(shortcode({}), '')
  })

  it('escapes or refuses whatever is stored, however hostile', () => {
    const hostile = [
      { server: 'javascript:alert(1)', channel: CHANNEL },
      { server: 'https://ascolto.example.org"><script>alert(1)</script>', channel: CHANNEL },
      { server: 'https://ascolto.example.org', channel: `${CHANNEL}" onload="alert(1)` },
      { server: 'https://ascolto.example.org', channel: '../../etc/passwd' },
    ]
    for (const options of hostile) assert.equal(shortcode(options), '', JSON.stringify(options))

    const odd = {
      server: 'https://ascolto.example.org:8443',
      channel: CHANNEL.toUpperCase(),
      color: 'red;}</style><script>',
      position: '"><img src=x onerror=alert(1)>',
      exit_url: 'https://meteo.example/?q=roma&x="><script>alert(1)</script>',
    }
    const tag = String(shortcode(odd))
    assert.match(tag, SAFE_TAG)
    assert.match(tag, /src="https:\/\/ascolto\.example\.org:8443\/widget\.js"/)
    assert.match(tag, new RegExp(`data-ascolto-channel="${CHANNEL}"`))
    assert.doesNotMatch(tag, /data-ascolto-color|data-ascolto-position|onerror|<img/)
    assert.match(tag, /data-ascolto-exit-url="https:\/\/meteo\.example\/\?q=roma&#038;x=script/)
  })

  it('embeds the chat in a page: a box of the asked height, each with its own id', () => {
    const options = { server: 'https://ascolto.example.org', channel: CHANNEL }
    const [first, second] = runPlugin(options, [
      { call: 'shortcode', atts: { mode: 'page', height: '99999' } },
      { call: 'shortcode', atts: { mode: 'page', height: '"><script>' } },
    ])
    assert.equal(
      first?.returned,
      '<div id="ascolto-chat-1" class="ascolto-chat-page" style="height:2000px;max-height:100vh"></div>' +
        `<script src="https://ascolto.example.org/widget.js" data-ascolto-channel="${CHANNEL}" ` +
        'data-ascolto-container="ascolto-chat-1" async></script>',
    )
    assert.match(
      String(second?.returned),
      /^<div id="ascolto-chat-2" class="ascolto-chat-page" style="height:320px;/,
    )
  })

  it('embeds the report form in a page with [ascolto_report], beside a chat box', () => {
    const options = { server: 'https://ascolto.example.org', channel: CHANNEL }
    const [chat, report] = runPlugin(options, [
      { call: 'shortcode', atts: { mode: 'page' } },
      { call: 'report-shortcode', atts: { height: '"><b>' } },
    ])
    assert.match(String(chat?.returned), /data-ascolto-container="ascolto-chat-1" async/)
    assert.equal(
      report?.returned,
      '<div id="ascolto-chat-2" class="ascolto-chat-page" style="height:320px;max-height:100vh"></div>' +
        `<script src="https://ascolto.example.org/widget.js" data-ascolto-channel="${CHANNEL}" ` +
        'data-ascolto-container="ascolto-chat-2" data-ascolto-mode="report" async></script>',
    )
    assert.equal(runPlugin({}, [{ call: 'report-shortcode' }])[0]?.returned, '')
  })

  it('puts the launcher on every page from the footer when asked, and not twice', () => {
    const options = { server: 'https://ascolto.example.org', channel: CHANNEL, everywhere: '1' }
    const [inPage, footer] = runPlugin(options, [{ call: 'shortcode' }, { call: 'footer' }])
    assert.equal(inPage?.returned, '')
    assert.match(footer?.printed ?? '', SAFE_TAG)
    assert.equal(runPlugin({ ...options, everywhere: '0' }, [{ call: 'footer' }])[0]?.printed, '')
  })

  it('shows its settings page with the stored values escaped', () => {
    const page = runPlugin(
      { server: 'https://ascolto.example.org', channel: CHANNEL, exit_url: 'https://a.example/?q="x"' },
      [{ call: 'settings-page' }],
    )[0]?.printed
    assert.match(page ?? '', /name="ascolto_chat\[server\]" value="https:\/\/ascolto\.example\.org"/)
    assert.match(page ?? '', new RegExp(`name="ascolto_chat\\[channel\\]" value="${CHANNEL}"`))
    assert.match(page ?? '', /value="https:\/\/a\.example\/\?q=&quot;x&quot;"/)
    assert.match(page ?? '', /value="right" {2}checked='checked'/)
  })

  it('speaks Italian on an Italian site: its translations are current and WordPress reads them', () => {
    const check = spawnSync(process.execPath, ['scripts/wordpress-i18n.ts', '--check'], {
      cwd: path.join(pluginDir, '..', '..', '..', '..'),
      encoding: 'utf8',
    })
    assert.equal(check.status, 0, check.stderr)
    const page = (locale: string) => runPlugin({}, [{ call: 'settings-page' }], locale)[0]?.printed ?? ''
    const italian = page('it_IT')
    for (const words of [
      'Indirizzo del server Ascolto',
      'In basso a destra',
      'L&#039;uscita rapida porta a',
    ]) {
      assert.ok(italian.includes(words), words)
    }
    assert.ok(!italian.includes('Ascolto server address'))
    // a locale the plugin has no translation for keeps its English
    assert.ok(page('de_DE').includes('Ascolto server address'))
  })

  it('is packed by the build as a zip WordPress can install: ascolto-chat/ and every file, intact', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ascolto-zip-'))
    try {
      const { output, files } = packWordpressPlugin(path.join(dir, 'ascolto-chat.zip'))
      // read back by PHP's own zip reader (PharData), the language WordPress unpacks it with
      const listing = execFileSync('php', [
        '-r',
        `$out = array(); foreach (new RecursiveIteratorIterator(new PharData($argv[1])) as $file) {
           $out[substr($file->getPathname(), strlen('phar://' . $argv[1]) + 1)] = md5(file_get_contents($file->getPathname()));
         } ksort($out); echo json_encode($out);`,
        output,
      ])
      const inZip = JSON.parse(listing.toString()) as Record<string, string>
      const sources = (await readdir(pluginDir, { recursive: true, withFileTypes: true })).filter((e) =>
        e.isFile(),
      )
      const expected: Record<string, string> = {}
      for (const entry of sources) {
        const full = path.join(entry.parentPath, entry.name)
        expected[`ascolto-chat/${path.relative(pluginDir, full)}`] = createHash('md5')
          .update(await readFile(full))
          .digest('hex')
      }
      assert.equal(Object.keys(inZip).length, files)
      assert.deepEqual(
        inZip,
        Object.fromEntries(Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : 1))),
      )
      assert.ok(!Object.keys(inZip).some((name) => name.includes('test-harness')))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  describe('in Chromium, on a WordPress-like page', () => {
    let server: TestServer
    let browser: Browser
    let site: HostSite
    let channelId: string

    before(async () => {
      server = await startTestServer()
      ;({ channelId } = await makeHelpline(server.pool))
      const embed = String(
        shortcode(
          { server: server.url, channel: channelId, color: '#5a2d82' },
          { mode: 'page', height: '600' },
        ),
      )
      site = await startHostSite({ ascoltoUrl: server.url, channelId, embed })
      browser = await launchBrowser()
    })
    after(async () => {
      await browser?.close()
      await site?.close()
      await server?.close()
    })

    it('opens the chat inside the page box, in the helpline colour, and it works', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT' })
      const page = await context.newPage()
      await page.goto(site.url)
      const textbox = page.getByRole('textbox', { name: 'Scrivi un messaggio' })
      await textbox.waitFor()
      const box = await page.locator('#ascolto-chat-1').boundingBox()
      const input = await textbox.boundingBox()
      assert.ok(
        box && input && input.y > box.y && input.y + input.height <= box.y + box.height,
        'inside the box',
      )
      assert.equal(box?.height, 600)
      assert.equal(await headerColour(page), 'rgb(90, 45, 130)')
      await textbox.fill('Scrivo dalla pagina del sito')
      await page.getByRole('button', { name: 'Invia' }).click()
      await inboundStored(server.pool, channelId, 1)
      await screenshot(page, 'widget-wordpress-page-1280')
      await context.close()
    })
  })
})

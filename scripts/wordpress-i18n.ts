// The WordPress plugin's translations: writes languages/ascolto-chat.pot from the strings its PHP
// passes to WordPress's translation functions (and the plugin header WordPress translates), and
// compiles each languages/ascolto-chat-<locale>.po into the .mo WordPress loads.
// `--check` writes nothing and fails when a file is out of date or a translation is missing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type GetTextTranslations, mo, po } from 'gettext-parser'
import { pluginDir } from './pack-wordpress.ts'

const DOMAIN = 'ascolto-chat'
const languagesDir = path.join(pluginDir, 'languages')
const potFile = path.join(languagesDir, `${DOMAIN}.pot`)

// __('…', 'ascolto-chat'), esc_html__, esc_attr__, _e and their echoing forms, single-quoted
const CALL = new RegExp(
  String.raw`\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'${DOMAIN}'\s*\)`,
  'g',
)
// the header fields WordPress shows translated in the plugins list
const HEADER = /^\s*\*\s*(Plugin Name|Description):\s*(.+)$/gm

function phpFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) return phpFiles(path.join(dir, entry.name), relative)
      return entry.name.endsWith('.php') ? [relative] : []
    })
}

/** Every translatable string, with the files using it (no line numbers: an edit elsewhere changes nothing). */
export function extractStrings(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const add = (text: string, file: string) => {
    const files = found.get(text) ?? []
    if (!files.includes(file)) found.set(text, [...files, file])
  }
  for (const file of phpFiles(pluginDir)) {
    const source = readFileSync(path.join(pluginDir, file), 'utf8')
    for (const match of source.matchAll(HEADER)) add((match[2] ?? '').trim(), file)
    for (const match of source.matchAll(CALL)) add((match[1] ?? '').replace(/\\(['\\])/g, '$1'), file)
  }
  return found
}

function template(strings: Map<string, string[]>): Buffer {
  const table: GetTextTranslations = {
    charset: 'utf-8',
    headers: {
      'Project-Id-Version': 'Ascolto Chat',
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-Domain': DOMAIN,
    },
    translations: {
      '': Object.fromEntries(
        [...strings].map(([msgid, where]) => [
          msgid,
          { msgid, msgstr: [''], comments: { reference: where.join(' ') } },
        ]),
      ),
    },
  }
  return po.compile(table, { foldLength: 0 })
}

const translationFiles = () =>
  readdirSync(languagesDir)
    .filter((name) => name.startsWith(`${DOMAIN}-`) && name.endsWith('.po'))
    .sort()

/** What each .po lacks of the template: untranslated or missing strings. */
function missing(poName: string, strings: Map<string, string[]>): string[] {
  const texts = po.parse(readFileSync(path.join(languagesDir, poName))).translations[''] ?? {}
  return [...strings.keys()].filter((msgid) => !texts[msgid]?.msgstr[0])
}

const compiled = (poName: string) => mo.compile(po.parse(readFileSync(path.join(languagesDir, poName))))
const moName = (poName: string) => poName.replace(/\.po$/, '.mo')
const read = (file: string) => {
  try {
    return readFileSync(file)
  } catch {
    return Buffer.alloc(0)
  }
}

const strings = extractStrings()
if (process.argv.includes('--check')) {
  const problems = [
    ...(read(potFile).equals(template(strings)) ? [] : [`${DOMAIN}.pot is out of date`]),
    ...translationFiles().flatMap((name) => [
      ...missing(name, strings).map((msgid) => `${name}: no translation for "${msgid}"`),
      ...(read(path.join(languagesDir, moName(name))).equals(compiled(name))
        ? []
        : [`${moName(name)} is out of date`]),
    ]),
  ]
  if (problems.length > 0) {
    process.stderr.write(
      `${problems.join('\n')}\nRun node scripts/wordpress-i18n.ts (and translate what is missing).\n`,
    )
    process.exit(1)
  }
  process.stdout.write(
    `The plugin's ${strings.size} strings are translated in ${translationFiles().join(', ')}.\n`,
  )
} else {
  writeFileSync(potFile, template(strings))
  for (const name of translationFiles()) {
    writeFileSync(path.join(languagesDir, moName(name)), compiled(name))
    for (const msgid of missing(name, strings)) process.stdout.write(`${name}: translate "${msgid}"\n`)
  }
  process.stdout.write(`Wrote ${path.relative(process.cwd(), potFile)} (${strings.size} strings).\n`)
}

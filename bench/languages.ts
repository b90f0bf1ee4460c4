// Language detection on short helpline messages: the detector Ascolto uses beside the
// alternatives measured, on the labelled set in bench/data/languages (how it was made: its
// README). Prints accuracy per language for each, the product's confusions, and the cost per
// message.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { detectLanguage } from '@ascolto/core'
import { eld } from 'eld/large'
import { franc } from 'franc'
import { detect as tinyld } from 'tinyld'

const dir = path.join(import.meta.dirname, 'data', 'languages')
const set = readdirSync(dir)
  .filter((file) => file.endsWith('.txt'))
  .flatMap((file) => {
    const label = path.basename(file, '.txt')
    return readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((text) => ({ label, text }))
  })
const labels = [...new Set(set.map((m) => m.label))].sort()

// franc answers ISO 639-3; restricted to the labelled languages, or it roams over 187
const ISO3: Record<string, string> = {
  ita: 'it',
  eng: 'en',
  fra: 'fr',
  spa: 'es',
  por: 'pt',
  ron: 'ro',
  als: 'sq',
  sqi: 'sq',
  arb: 'ar',
  ukr: 'uk',
  rus: 'ru',
  cmn: 'zh',
  ben: 'bn',
  urd: 'ur',
  tir: 'ti',
  amh: 'am',
  pcm: 'pcm',
}
const only = Object.keys(ISO3)
detectLanguage('warm up')
eld.detect('warm up')
const detectors: Record<string, (text: string) => string> = {
  'ascolto (eld + script and word rules)': (text) => detectLanguage(text).language,
  'eld (large)': (text) => eld.detect(text).language || 'und',
  tinyld: (text) => tinyld(text) || 'und',
  'franc (labelled languages only)': (text) => ISO3[franc(text, { only, minLength: 1 })] ?? 'und',
}

const rows: string[][] = []
for (const [name, detect] of Object.entries(detectors)) {
  const right = new Map<string, number>()
  const confusions = new Map<string, number>()
  const started = process.hrtime.bigint()
  for (const { label, text } of set) {
    const got = detect(text)
    if (got === label) right.set(label, (right.get(label) ?? 0) + 1)
    else confusions.set(`${label}→${got}`, (confusions.get(`${label}→${got}`) ?? 0) + 1)
  }
  const microseconds = Number(process.hrtime.bigint() - started) / 1000 / set.length
  const total = [...right.values()].reduce((a, b) => a + b, 0)
  rows.push([
    name,
    ...labels.map(
      (label) =>
        `${Math.round(((right.get(label) ?? 0) / set.filter((m) => m.label === label).length) * 100)}`,
    ),
    `${((total / set.length) * 100).toFixed(1)}`,
    microseconds.toFixed(0),
  ])
  if (name.startsWith('ascolto')) {
    const list = [...confusions.entries()].sort((a, b) => b[1] - a[1]).map(([pair, n]) => `${pair} ×${n}`)
    process.stdout.write(`Confusions of the detector Ascolto uses: ${list.join(', ') || 'none'}\n\n`)
  }
}
const header = ['detector', ...labels, 'all %', 'µs/msg']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
process.stdout.write(
  `Language detection, ${set.length} short messages in ${labels.length} languages (% right per language)\n`,
)
process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`)

// `npm run bench:triage`: the triage rules against the labelled set in bench/data/triage, on its
// held-out part (the rules were not tuned on it; see bench/data/triage/README.md): precision and
// recall per level and per kind, the level confusion matrix, and the cost per message.
// `--split tuning` reads the tuning part instead, and `--errors` lists what it got wrong there
// (the held-out part's mistakes are never listed, so that nobody tunes on them by accident).
import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { triageMessage } from '@ascolto/core'
import { RISK_LEVELS, type RiskLevel, TRIAGE_KINDS, type TriageKind } from '@ascolto/protocol'

type Labelled = {
  id: string
  lang: string
  split: 'tuning' | 'held_out'
  level: RiskLevel
  kinds: TriageKind[]
  text: string
}

const { values } = parseArgs({
  options: { split: { type: 'string', default: 'held_out' }, errors: { type: 'boolean', default: false } },
})
const split = values.split === 'tuning' ? 'tuning' : 'held_out'
const dir = path.join(import.meta.dirname, 'data/triage')
const all: Labelled[] = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Labelled),
  )
const set = all.filter((m) => m.split === split)
const results = set.map((m) => ({ m, got: triageMessage(m.text) }))

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`)
const score = (name: string, truth: (i: number) => boolean, guess: (i: number) => boolean) => {
  let tp = 0
  let fp = 0
  let fn = 0
  results.forEach((_, i) => {
    if (truth(i) && guess(i)) tp++
    else if (guess(i)) fp++
    else if (truth(i)) fn++
  })
  return {
    name,
    support: tp + fn,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
    line: `${name.padEnd(26)} ${String(tp + fn).padStart(5)}  ${pct(tp, tp + fp)}  ${pct(tp, tp + fn)}`,
  }
}

const byLang = Object.entries(Object.groupBy(set, (m) => m.lang)).map(([l, ms]) => `${l} ${ms?.length ?? 0}`)
console.log(
  `Triage on the ${split === 'held_out' ? 'held-out' : 'tuning'} part: ${set.length} of ${all.length} messages (${byLang.join(', ')})\n`,
)
console.log(`${'level'.padEnd(26)} ${'n'.padStart(5)}  precision  recall`)
const levels = RISK_LEVELS.map((level) =>
  score(
    level,
    (i) => results[i]?.m.level === level,
    (i) => results[i]?.got.level === level,
  ),
)
for (const s of levels) console.log(s.line)
const anyRisk = score(
  'any risk (not none)',
  (i) => results[i]?.m.level !== 'none',
  (i) => results[i]?.got.level !== 'none',
)
const urgent = score(
  'high or imminent',
  (i) => ['high', 'imminent'].includes(results[i]?.m.level ?? ''),
  (i) => ['high', 'imminent'].includes(results[i]?.got.level ?? ''),
)
console.log(anyRisk.line)
console.log(urgent.line)
console.log(`\n${'kind'.padEnd(26)} ${'n'.padStart(5)}  precision  recall`)
const kinds = TRIAGE_KINDS.map((kind) =>
  score(
    kind,
    (i) => results[i]?.m.kinds.includes(kind) ?? false,
    (i) => results[i]?.got.kinds.includes(kind) ?? false,
  ),
)
for (const s of kinds) console.log(s.line)

console.log('\nconfusion (rows: label, columns: triage)')
console.log(`${''.padEnd(10)}${RISK_LEVELS.map((l) => l.padStart(10)).join('')}`)
const confusion = RISK_LEVELS.map((truth) =>
  RISK_LEVELS.map((guess) => results.filter((r) => r.m.level === truth && r.got.level === guess).length),
)
for (const [i, row] of confusion.entries()) {
  console.log(`${(RISK_LEVELS[i] ?? '').padEnd(10)}${row.map((n) => String(n).padStart(10)).join('')}`)
}
const exact = results.filter((r) => r.m.level === r.got.level).length
console.log(`exact level: ${pct(exact, results.length)}`)

// the cost: every message of the set, many times over, after a warm-up
const texts = all.map((m) => m.text)
for (let i = 0; i < 20; i++) for (const t of texts) triageMessage(t)
const rounds = 200
const started = process.hrtime.bigint()
for (let i = 0; i < rounds; i++) for (const t of texts) triageMessage(t)
const microseconds = Number(process.hrtime.bigint() - started) / 1000 / (rounds * texts.length)
const longest = `${texts.reduce((a, b) => (b.length > a.length ? b : a)).repeat(20)}`
const startedLong = process.hrtime.bigint()
for (let i = 0; i < 200; i++) triageMessage(longest)
const longMicroseconds = Number(process.hrtime.bigint() - startedLong) / 1000 / 200
console.log(
  `\ncost per message: ${microseconds.toFixed(1)} µs on average over ${rounds * texts.length} calls; ${longMicroseconds.toFixed(0)} µs for a ${longest.length}-character message`,
)

if (values.errors && split === 'tuning') {
  console.log('\nwrong on the tuning part:')
  for (const { m, got } of results) {
    if (m.level !== got.level || m.kinds.join() !== got.kinds.join())
      console.log(
        `  ${m.id} ${m.level}/${m.kinds.join(',')} → ${got.level}/${got.kinds.join(',')} [${got.phrases.join('; ')}] ${m.text}`,
      )
  }
}

if (split === 'held_out') {
  const rounded = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000)
  const figures = (list: ReturnType<typeof score>[]) =>
    Object.fromEntries(
      list.map((s) => [s.name, { n: s.support, precision: rounded(s.precision), recall: rounded(s.recall) }]),
    )
  await writeFile(
    path.join(import.meta.dirname, 'results/triage.json'),
    `${JSON.stringify({ messages: set.length, levels: figures([...levels, anyRisk, urgent]), kinds: figures(kinds), confusion: Object.fromEntries(RISK_LEVELS.map((truth, i) => [truth, Object.fromEntries(RISK_LEVELS.map((guess, j) => [guess, confusion[i]?.[j] ?? 0]))])), microsecondsPerMessage: Math.round(microseconds * 10) / 10, microsecondsLongMessage: Math.round(longMicroseconds) }, null, 2)}\n`,
  )
}

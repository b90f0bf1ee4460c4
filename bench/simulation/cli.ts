// `npm run simulate -- --service listening-line --week 2026-12-21 [--days N] [--database embedded|server]
// [--png]`: a week of a service (docs/settings/<service>.json) against a real Ascolto; prints the
// table, keeps the figures in bench/results/simulation-<service>-<week>.json and the week's
// picture beside them (.svg, and .png through Chromium with --png).
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { launchBrowser } from '../../e2e/browser.ts'
import { drawWeek } from './chart.ts'
import { profileNamed } from './profiles.ts'
import { reportOf, tableOf } from './report.ts'
import { simulate } from './simulate.ts'

const { values } = parseArgs({
  options: {
    service: { type: 'string' },
    week: { type: 'string' },
    days: { type: 'string', default: '7' },
    database: { type: 'string' },
    png: { type: 'boolean', default: false },
    language: { type: 'string', default: 'it' },
  },
})
if (!values.service || !values.week || !/^\d{4}-\d{2}-\d{2}$/.test(values.week)) {
  process.stderr.write('usage: npm run simulate -- --service <name> --week <YYYY-MM-DD> [--days N] [--png]\n')
  process.exit(2)
}
const days = Number(values.days)
if (!Number.isInteger(days) || days < 1 || days > 7) throw new Error('--days is 1 to 7')
const database = values.database === 'embedded' || values.database === 'server' ? values.database : undefined

const started = Date.now()
const { record, installation } = await simulate(profileNamed(values.service), {
  week: values.week,
  days,
  ...(database ? { database } : {}),
  progress: (line) => process.stdout.write(`${line}\n`),
})
try {
  const report = await reportOf(record, installation.pool, installation.helplineId)
  const seconds = Math.round((Date.now() - started) / 1000)
  process.stdout.write(
    `\n${tableOf(report)}\n(simulated in ${seconds} s on the ${installation.databaseKind})\n`,
  )
  const dir = path.join(import.meta.dirname, '..', 'results')
  await mkdir(dir, { recursive: true })
  const name = `simulation-${values.service}-${values.week}${days === 7 ? '' : `-${days}d`}`
  await writeFile(
    path.join(dir, `${name}.json`),
    `${JSON.stringify({ ...report, database: { ...report.database, kind: installation.databaseKind }, seconds, at: new Date().toISOString() }, null, 2)}\n`,
  )
  const svg = drawWeek(record, values.language === 'en' ? 'en' : 'it')
  await writeFile(path.join(dir, `${name}.svg`), svg)
  if (values.png) {
    const browser = await launchBrowser()
    const page = await browser.newPage({ viewport: { width: 1280, height: 440 } })
    await page.setContent(`<body style="margin:0">${svg}</body>`)
    await page.screenshot({ path: path.join(dir, `${name}.png`) })
    await browser.close()
  }
  process.stdout.write(`written: bench/results/${name}.json, .svg${values.png ? ', .png' : ''}\n`)
} finally {
  await installation.close()
}

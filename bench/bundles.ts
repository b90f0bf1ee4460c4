// What a browser downloads: the console's first screen (its HTML, scripts and styles) and the
// widget's one script, raw and gzipped, beside their budgets (issues 5 and 7: 300 KB and 35 KB
// gzipped). Reads the built files (npm run build).
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { report, round } from './lib.ts'

const root = path.resolve(import.meta.dirname, '..')
const kb = (bytes: number) => round(bytes / 1024)

async function sizes(files: string[]) {
  let raw = 0
  let gzip = 0
  for (const file of files) {
    const bytes = await readFile(file)
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  return { raw, gzip }
}

const consoleDist = path.join(root, 'apps/console/dist')
const html = await readFile(path.join(consoleDist, 'index.html'), 'utf8')
// the first screen loads what index.html names; lazily loaded screens come later, when opened
const firstScreen = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) =>
  path.join(consoleDist, m[1] ?? ''),
)
const all = (await readdir(path.join(consoleDist, 'assets'))).map((f) => path.join(consoleDist, 'assets', f))
const consoleFirst = await sizes([path.join(consoleDist, 'index.html'), ...firstScreen])
const consoleAll = await sizes(all)
const widget = await sizes([path.join(root, 'apps/widget/dist/widget.js')])

await report('bundles', 'What a browser downloads', {}, [
  {
    bundle: 'console, first screen',
    'raw KB': kb(consoleFirst.raw),
    'gzip KB': kb(consoleFirst.gzip),
    'budget gzip KB': 300,
  },
  {
    bundle: 'console, every screen',
    'raw KB': kb(consoleAll.raw),
    'gzip KB': kb(consoleAll.gzip),
    'budget gzip KB': '',
  },
  { bundle: 'widget.js', 'raw KB': kb(widget.raw), 'gzip KB': kb(widget.gzip), 'budget gzip KB': 35 },
])

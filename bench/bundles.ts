// What a browser downloads: the console's first screen (its HTML, scripts and styles), the
// widget's loader, its bundle and the largest of its language files (one more file for a person
// reading another language than Italian), raw, gzipped and brotli-compressed (as the server sends them,
// precompressed by the build), beside their budgets (issues 5 and 7: 300 KB and 35 KB gzipped).
// Reads the built files (npm run build).
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { report, round } from './lib.ts'

const root = path.resolve(import.meta.dirname, '..')
const kb = (bytes: number) => round(bytes / 1024)

async function sizes(files: string[]) {
  let raw = 0
  let gzip = 0
  let brotli = 0
  for (const file of files) {
    const bytes = await readFile(file)
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
    brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length
  }
  return { raw, gzip, brotli }
}

const consoleDist = path.join(root, 'apps/console/dist')
const html = await readFile(path.join(consoleDist, 'index.html'), 'utf8')
// the first screen loads what index.html names; lazily loaded screens come later, when opened
const firstScreen = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) =>
  path.join(consoleDist, m[1] ?? ''),
)
// the build's own .br and .gz copies are not more to download
const all = (await readdir(path.join(consoleDist, 'assets')))
  .filter((f) => !/\.(?:br|gz)$/.test(f))
  .map((f) => path.join(consoleDist, 'assets', f))
const consoleFirst = await sizes([path.join(consoleDist, 'index.html'), ...firstScreen])
const consoleAll = await sizes(all)
const widgetDist = path.join(root, 'apps/widget/dist')
const loaderFile = path.join(widgetDist, 'widget.js')
const bundleName = /'(widget-assets\/[^']+\.js)'/.exec(await readFile(loaderFile, 'utf8'))?.[1] ?? ''
const loader = await sizes([loaderFile])
const bundle = await sizes([path.join(widgetDist, bundleName)])
const languageFiles = (await readdir(path.join(widgetDist, 'widget-assets'))).filter((f) =>
  /^lang-.*\.json$/.test(f),
)
const largestLanguage = (
  await Promise.all(languageFiles.map((f) => sizes([path.join(widgetDist, 'widget-assets', f)])))
).reduce((largest, size) => (size.gzip > largest.gzip ? size : largest), { raw: 0, gzip: 0, brotli: 0 })
const row = (name: string, size: { raw: number; gzip: number; brotli: number }, budget: number | '') => ({
  bundle: name,
  'raw KB': kb(size.raw),
  'gzip KB': kb(size.gzip),
  'brotli KB': kb(size.brotli),
  'budget gzip KB': budget,
})

await report('bundles', 'What a browser downloads', {}, [
  row('console, first screen', consoleFirst, 300),
  row('console, every screen', consoleAll, ''),
  row('widget.js (the loader, revalidated)', loader, ''),
  row('widget bundle (hashed, cached)', bundle, 35),
  row(`widget language file, the largest of ${languageFiles.length} (hashed, cached)`, largestLanguage, ''),
])

// Precompresses the built console and widget (run by `npm run build`): beside each text file a
// .br (brotli, best) and a .gz (gzip, best), which the server sends as they are to a browser that
// accepts them (`@fastify/static`'s preCompressed), so nothing is compressed per request. Prints
// each file's raw and compressed sizes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const root = path.resolve(import.meta.dirname, '..')
export const distDirs = [path.join(root, 'apps/console/dist'), path.join(root, 'apps/widget/dist')]
const TEXT = /\.(?:js|css|html|svg|json)$/

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name)
      return statSync(full).isDirectory() ? filesUnder(full) : [full]
    })
}

export function precompress(dir: string) {
  return filesUnder(dir)
    .filter((file) => TEXT.test(file))
    .map((file) => {
      const raw = readFileSync(file)
      const brotli = brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      })
      const gzip = gzipSync(raw, { level: 9 })
      writeFileSync(`${file}.br`, brotli)
      writeFileSync(`${file}.gz`, gzip)
      return { file: path.relative(root, file), raw: raw.length, gzip: gzip.length, brotli: brotli.length }
    })
}

if (import.meta.main) {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1)
  const rows = distDirs.flatMap(precompress)
  const width = Math.max(...rows.map((row) => row.file.length))
  console.log(`${'file'.padEnd(width)}  raw KB   gzip KB  brotli KB`)
  for (const row of rows)
    console.log(
      `${row.file.padEnd(width)}  ${kb(row.raw).padStart(6)}  ${kb(row.gzip).padStart(8)}  ${kb(row.brotli).padStart(9)}`,
    )
}

import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'

// The bundle is downloaded by every visitor who opens the chat, often on an old phone and a slow
// connection: the build fails when it grows past the budget.
const BUDGET_GZIP_BYTES = 35 * 1024

const hashOf = (content: string | Buffer) =>
  createHash('sha256').update(content).digest('base64url').slice(0, 10)

/**
 * The languages other than Italian (src/i18n/<lang>.json): each a file of its own under a name made
 * of its content's hash, fetched by the widget only when a person reads that language. The bundle
 * learns the names through `__CATALOGUES__`.
 */
const catalogueDir = fileURLToPath(new URL('./src/i18n/', import.meta.url))
const catalogues = readdirSync(catalogueDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => {
    const content = JSON.stringify(JSON.parse(readFileSync(`${catalogueDir}${file}`, 'utf8')))
    const lang = file.slice(0, -'.json'.length)
    return { lang, content, name: `widget-assets/lang-${lang}-${hashOf(content)}.json` }
  })

/**
 * Splits what ships in two: the bundle under a name made of its content's hash
 * (widget-assets/widget-HASH.js, cached for a year), and widget.js, the small loader sites embed, which
 * names the bundle and is revalidated on every load, so a release reaches every site at once.
 */
function loaderAndBundle(): Plugin {
  return {
    name: 'ascolto-loader-and-bundle',
    apply: 'build',
    // After the file is written, so the numbers are those of what ships.
    writeBundle(options) {
      const dir = options.dir ?? 'dist'
      const code = readFileSync(`${dir}/widget.js`)
      const name = `widget-assets/widget-${hashOf(code)}.js`
      mkdirSync(`${dir}/widget-assets`, { recursive: true })
      for (const catalogue of catalogues) writeFileSync(`${dir}/${catalogue.name}`, catalogue.content)
      renameSync(`${dir}/widget.js`, `${dir}/${name}`)
      const source = readFileSync(fileURLToPath(new URL('./src/loader.js', import.meta.url)), 'utf8')
      const loader = source
        .split('\n')
        .filter((line) => !line.startsWith('//'))
        .join('\n')
        .replace('__BUNDLE__', name)
      writeFileSync(`${dir}/widget.js`, loader)
      const gzip = gzipSync(code, { level: 9 }).length
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB (${bytes} B)`
      console.log(
        `${name}: ${kb(code.length)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET_GZIP_BYTES)} gzip); ` +
          `widget.js (the loader): ${kb(Buffer.byteLength(loader))} raw; ` +
          `${catalogues.length} language files, the largest ${kb(Math.max(...catalogues.map((c) => gzipSync(c.content).length)))} gzip`,
      )
      if (gzip > BUDGET_GZIP_BYTES) this.error(`the widget is over its size budget: ${kb(gzip)} gzip`)
    },
  }
}

export default defineConfig({
  plugins: [preact(), loaderAndBundle()],
  // Library mode does not replace it, and a stray development branch would ship otherwise.
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    __CATALOGUES__: JSON.stringify(Object.fromEntries(catalogues.map(({ lang, name }) => [lang, name]))),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Old phones: syntax newer than this is rewritten (APIs are feature-tested in the code).
    target: ['es2018', 'chrome70', 'firefox68', 'safari12', 'ios12'],
    lib: {
      entry: fileURLToPath(new URL('./src/main.tsx', import.meta.url)),
      formats: ['iife'],
      name: 'AscoltoWidget',
      fileName: () => 'widget.js',
    },
  },
})

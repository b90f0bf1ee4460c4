import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'

// widget.js is downloaded by every visitor who opens the chat, often on an old phone and a slow
// connection: the build fails when it grows past the budget.
const BUDGET_GZIP_BYTES = 35 * 1024

function sizeReport(): Plugin {
  return {
    name: 'ascolto-size-report',
    apply: 'build',
    // After the file is written, so the numbers are those of what ships.
    writeBundle(options) {
      const code = readFileSync(`${options.dir}/widget.js`)
      const gzip = gzipSync(code, { level: 9 }).length
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB (${bytes} B)`
      console.log(
        `widget.js: ${kb(code.length)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET_GZIP_BYTES)} gzip)`,
      )
      if (gzip > BUDGET_GZIP_BYTES) this.error(`widget.js is over its size budget: ${kb(gzip)} gzip`)
    },
  }
}

export default defineConfig({
  plugins: [preact(), sizeReport()],
  // Library mode does not replace it, and a stray development branch would ship otherwise.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
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

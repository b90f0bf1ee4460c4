// The operator console: one page, built into dist/ and served by the server at `/`.
// The server's CSP allows scripts and styles from 'self' only, so nothing may be inlined.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  build: {
    // an asset turned into a data: URL would still pass the CSP, but one file per asset is simpler to reason about
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    // `npx vite` in development: the API and the socket come from a server running on its default port
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
})

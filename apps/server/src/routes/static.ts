// The browser apps, built by Vite: the console at /, the widget's loader at /widget.js and its
// hashed bundle under /widget-assets/, and a demo page that carries the widget the way a
// helpline's own site would. Each file goes out as the build precompressed it (brotli or gzip, by
// the browser's Accept-Encoding, with `Vary: Accept-Encoding`). A file whose name carries its
// content's hash is cached for a year and never asked again; the rest (index.html, the loader)
// is revalidated on every load (ETag), so a release reaches everyone at once.
import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { AppContext } from '../context.ts'

const appsDir = path.resolve(import.meta.dirname, '..', '..', '..')
const consoleDist = path.join(appsDir, 'console', 'dist')
const widgetDist = path.join(appsDir, 'widget', 'dist')

function demoPage(channelId: string) {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Associazione demo</title>
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<main>
<h1>Associazione demo</h1>
<p>Questa pagina fa le veci del sito di un'associazione. In basso a destra c'è la chat di Ascolto.</p>
<p>This page stands in for an association's web site. The Ascolto chat is at the bottom right.</p>
</main>
<script src="/widget.js" data-ascolto-channel="${channelId}" async></script>
</body>
</html>
`
}

const FOR_A_YEAR = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/** Vite's and the widget build's hashed files live in these folders, and only they do. */
const hashed = (file: string) => /[/\\](?:assets|widget-assets)[/\\]/.test(file)

const compressed = {
  preCompressed: true,
  // the cache-control below replaces @fastify/static's own `max-age=0`
  cacheControl: false,
} as const

const demoCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f4ef;color:#222}
main{max-width:40rem;margin:0 auto;padding:3rem 1.5rem}h1{font-size:1.8rem}`

export const staticRoutes: FastifyPluginAsync<AppContext> = async (app, { pool }) => {
  if (existsSync(widgetDist)) {
    // any site may embed the widget: its scripts are public and carry no data
    const widgetHeaders = (reply: FastifyReply, file: string) => {
      reply.header('access-control-allow-origin', '*')
      reply.header('cache-control', hashed(file) ? FOR_A_YEAR : REVALIDATE)
    }
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        ...compressed,
        root: widgetDist,
        serve: false,
        setHeaders: widgetHeaders,
      })
      scope.get('/widget.js', async (_request, reply) => reply.sendFile('widget.js'))
    })
    await app.register(fastifyStatic, {
      ...compressed,
      root: path.join(widgetDist, 'widget-assets'),
      prefix: '/widget-assets/',
      decorateReply: false,
      index: false,
      setHeaders: widgetHeaders,
    })
  }

  app.get('/demo', async (_request, reply) => {
    const { rows } = await pool.query<{ id: string }>(
      `select ch.id from channel ch join helpline h on h.id = ch.helpline_id
        where h.slug = 'demo' and ch.kind = 'webchat' and ch.enabled order by ch.created_at limit 1`,
    )
    if (!rows[0])
      return reply.status(404).send({ code: 'ASCOLTO_ERR_NOT_FOUND', message: 'No demo helpline' })
    reply.header('cache-control', 'no-store')
    return reply.type('text/html; charset=utf-8').send(demoPage(rows[0].id))
  })
  app.get('/demo.css', async (_request, reply) => reply.type('text/css').send(demoCss))

  if (existsSync(consoleDist)) {
    await app.register(fastifyStatic, {
      ...compressed,
      root: consoleDist,
      // @fastify/static finds no precompressed index for "/" (a 404 for a browser sending br),
      // so "/" is its own route below
      index: false,
      setHeaders: (reply, file) => reply.header('cache-control', hashed(file) ? FOR_A_YEAR : REVALIDATE),
    })
    app.get('/', async (_request, reply) => reply.sendFile('index.html'))
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('The console is not built: run `npm run build`.'),
    )
  }
}

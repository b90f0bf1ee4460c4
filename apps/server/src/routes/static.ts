// The browser apps, built by Vite: the console at /, the widget's one script at /widget.js,
// and a demo page that carries the widget the way a helpline's own site would.
import { createReadStream, existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
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

const demoCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f4ef;color:#222}
main{max-width:40rem;margin:0 auto;padding:3rem 1.5rem}h1{font-size:1.8rem}`

export const staticRoutes: FastifyPluginAsync<AppContext> = async (app, { pool }) => {
  if (existsSync(widgetDist)) {
    app.get('/widget.js', async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      reply.header('access-control-allow-origin', '*')
      return reply
        .type('text/javascript; charset=utf-8')
        .send(createReadStream(path.join(widgetDist, 'widget.js')))
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
    await app.register(fastifyStatic, { root: consoleDist, index: 'index.html' })
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('The console is not built: run `npm run build`.'),
    )
  }
}

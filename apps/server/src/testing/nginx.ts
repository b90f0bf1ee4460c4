// Debian's nginx as the reverse proxy in front of several Ascolto web instances, on loopback, in a
// folder of its own, with the very proxy block the deployment guide gives (deploy/nginx/proxy.conf:
// websockets upgraded, a refused or dead instance skipped, POSTs retried on the next one).
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export type Nginx = { url: string; stop: () => Promise<void> }

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'
const PROXY_BLOCK = path.resolve(import.meta.dirname, '../../../../deploy/nginx/proxy.conf')

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** The documented proxy block (deploy/nginx/proxy.conf) on loopback, without TLS. */
export function proxyConfig(port: number, upstreams: string[], dir: string) {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream ascolto {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    include ${PROXY_BLOCK};
  }
}
`
}

export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ascolto-nginx-'))
  const port = await freePort()
  const config = path.join(dir, 'nginx.conf')
  await writeFile(config, proxyConfig(port, upstreams, dir))
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', config, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  // up when it answers (a 5xx from an upstream still means nginx listens)
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`)
    const answered = await fetch(`${url}/health`).then(
      () => true,
      () => false,
    )
    if (answered) break
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT')
      await exited
      await rm(dir, { recursive: true, force: true })
    },
  }
}

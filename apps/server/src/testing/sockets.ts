import { io, type Socket } from 'socket.io-client'

/** A console's socket, signed in by cookie, collecting what it is told. */
export async function connectConsole(url: string, cookie: string) {
  const socket = io(`${url}/console`, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  })
  await connected(socket)
  return socket
}

export async function connectWidget(
  url: string,
  channelId: string,
  token: string,
  headers: Record<string, string> = {},
) {
  const socket = io(`${url}/widget`, {
    transports: ['websocket'],
    auth: { channelId, token },
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  })
  await connected(socket)
  return socket
}

function connected(socket: Socket) {
  return new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
}

/** The next event of that name whose payload passes `match`, or a rejection after `ms`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
  ms = 10_000,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener)
      reject(new Error(`no ${event} within ${ms} ms`))
    }, ms)
    const listener = (payload: T) => {
      if (!match(payload)) return
      clearTimeout(timer)
      socket.off(event, listener)
      resolve(payload)
    }
    socket.on(event, listener)
  })
}

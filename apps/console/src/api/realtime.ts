// The console's socket: the server pushes what changed in the operator's helplines. It
// authenticates by the session cookie, so it is opened only once signed in.
import type { ConsoleEvents } from '@ascolto/protocol'
import { io, type Socket } from 'socket.io-client'

export type ConsoleSocket = Socket<ConsoleEvents, Record<string, never>>

export function connectConsole(): ConsoleSocket {
  return io('/console', { withCredentials: true })
}

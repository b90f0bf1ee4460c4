// The console's socket: the server pushes what changed in the operator's helplines. It
// authenticates by the session cookie, so it is opened only once signed in.
import type { ConsoleEvents } from '@ascolto/protocol'
import { io, type Socket } from 'socket.io-client'

export type ConsoleSocket = Socket<ConsoleEvents, Record<string, never>>

let current: ConsoleSocket | undefined

export function connectConsole(): ConsoleSocket {
  current = io('/console', { withCredentials: true })
  return current
}

/**
 * Names this console's socket to a read of a conversation: the server then pushes the
 * conversation's content to it as it comes (others hear only ids and states).
 */
export function followHeaders(): Record<string, string> {
  return current?.connected && current.id ? { 'x-ascolto-socket': current.id } : {}
}

import type { WidgetClientEvents, WidgetEvents, WidgetMessage, WidgetWait } from '@ascolto/protocol'
import { io, type Socket } from 'socket.io-client'

export type RealtimeHandlers = {
  onMessage: (message: WidgetMessage) => void
  onTyping: (typing: boolean) => void
  onSeen: (messageId: string) => void
  onSurvey: () => void
  /** The person's place and expected wait; null: not waiting. */
  onWait: (wait: WidgetWait | null) => void
  /** `again` is true from the second connection on: messages may have been missed meanwhile. */
  onUp: (again: boolean) => void
  onDown: () => void
}

export type Realtime = {
  emit: <E extends keyof WidgetClientEvents>(event: E, ...args: Parameters<WidgetClientEvents[E]>) => void
  close: () => void
}

/** Opens the socket to the `/widget` namespace. */
export function connectRealtime(
  server: string,
  channelId: string,
  token: string,
  handlers: RealtimeHandlers,
): Realtime {
  const socket: Socket<WidgetEvents, WidgetClientEvents> = io(`${server}/widget`, {
    auth: { channelId, token },
    transports: ['websocket', 'polling'],
    // School and office networks often block WebSockets: fall back to long polling then.
    tryAllTransports: true,
  })
  let connectedBefore = false
  let closed = false
  let retry: ReturnType<typeof setTimeout> | undefined
  // socket.io stops retrying after a refusal by the server (or a kick); a helpline that is briefly
  // unavailable must not leave the person without replies, so retry slowly by hand.
  const retryLater = () => {
    clearTimeout(retry)
    if (!closed && !socket.active) retry = setTimeout(() => socket.connect(), 15_000)
  }
  socket.on('connect', () => {
    handlers.onUp(connectedBefore)
    connectedBefore = true
  })
  socket.on('disconnect', () => {
    if (closed) return
    handlers.onDown()
    retryLater()
  })
  socket.on('connect_error', () => {
    handlers.onDown()
    retryLater()
  })
  socket.on('message', handlers.onMessage)
  socket.on('typing', (typing) => handlers.onTyping(typing === true))
  socket.on('seen', (messageId) => typeof messageId === 'string' && handlers.onSeen(messageId))
  socket.on('survey', () => handlers.onSurvey())
  socket.on('wait', (wait) => handlers.onWait(wait && typeof wait.place === 'number' ? wait : null))
  return {
    // Signals are not queued while offline: a stale "is writing" is worse than none.
    emit: (event, ...args) => {
      if (socket.connected) socket.emit(event, ...args)
    },
    close: () => {
      closed = true
      clearTimeout(retry)
      socket.disconnect()
    },
  }
}

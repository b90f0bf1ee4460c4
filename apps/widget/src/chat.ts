import type { WidgetInfo, WidgetMessage } from '@ascolto/protocol'
import { ApiError, type Endpoint, fetchInfo, fetchTranscript, postMessage } from './api.ts'
import { makeUuid, makeVisitorToken } from './ids.ts'
import { connectRealtime } from './realtime.ts'
import { loadSession, type QueuedMessage, saveSession } from './storage.ts'

// The conversation as the widget sees it, kept outside Preact so the UI only renders a snapshot.
// Nothing here touches the network before start(), which the panel calls when it first opens.

/** A message the server refused (a 4xx): shown with the reason, no longer retried. */
export type FailedMessage = QueuedMessage & { error: string }

export type ChatState = {
  phase: 'idle' | 'loading' | 'ready' | 'unavailable'
  info: WidgetInfo | null
  /** The server cannot be reached right now. */
  offline: boolean
  /** What the server has stored, oldest first. */
  messages: WidgetMessage[]
  /** What the person wrote and the server has not confirmed, in order. */
  queue: QueuedMessage[]
  failed: FailedMessage[]
  /** The head of the queue has failed at least once and waits for a retry. */
  retrying: boolean
}

export type Chat = {
  getState(): ChatState
  subscribe(listener: () => void): () => void
  start(): void
  send(text: string): void
  /** Quick exit: closes the socket, stops every retry, and never writes to storage again. */
  stop(): void
}

/** Same as MAX_TEXT_LENGTH in the protocol package, which ships no values to the browser. */
export const MAX_TEXT_LENGTH = 4096

const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2)

const byCreatedAt = (a: WidgetMessage, b: WidgetMessage) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0

export function createChat(endpoint: Endpoint): Chat {
  let state: ChatState = {
    phase: 'idle',
    info: null,
    offline: false,
    messages: [],
    queue: [],
    failed: [],
    retrying: false,
  }
  const listeners = new Set<() => void>()
  let token = ''
  /** The token came from an earlier page of this tab, so the server may hold a history for it. */
  let resumed = false
  let socketDown = false
  let restDown = false
  let infoAttempt = 0
  let infoTimer: ReturnType<typeof setTimeout> | undefined
  let sending = false
  let sendAttempt = 0
  let sendTimer: ReturnType<typeof setTimeout> | undefined
  let disconnect: (() => void) | undefined
  let stopped = false

  const update = (patch: Partial<ChatState>) => {
    if (stopped) return
    state = { ...state, ...patch, offline: socketDown || restDown }
    for (const listener of listeners) listener()
  }
  const reachable = (yes: boolean) => {
    restDown = !yes
    update({})
  }
  const persist = () =>
    !stopped && saveSession(endpoint.channel, { token, messages: state.messages, queue: state.queue })

  /** Adds messages (deduplicated by id) and drops from the queue whatever the server now holds. */
  const addMessages = (incoming: WidgetMessage[]) => {
    const byId = new Map<string, WidgetMessage>()
    for (const message of state.messages) byId.set(message.id, message)
    for (const message of incoming) byId.set(message.id, message)
    const messages = Array.from(byId.values()).sort(byCreatedAt)
    const stored = new Set(messages.map((message) => message.clientId))
    update({ messages, queue: state.queue.filter((queued) => !stored.has(queued.clientId)) })
    persist()
  }

  const loadInfo = async () => {
    clearTimeout(infoTimer)
    try {
      const info = await fetchInfo(endpoint)
      // An `online` event may have started a second request meanwhile: only the first one counts.
      if (state.phase !== 'loading') return
      reachable(true)
      update({ info, phase: 'ready' })
      onReady()
    } catch (error) {
      if (error instanceof ApiError) return update({ phase: 'unavailable' })
      reachable(false)
      infoTimer = setTimeout(loadInfo, backoff(infoAttempt++))
    }
  }

  const loadHistory = async () => {
    try {
      const { messages } = await fetchTranscript(endpoint, token)
      reachable(true)
      addMessages(messages)
    } catch (error) {
      // A 4xx means the server has nothing for this token yet; that is not a connection problem.
      if (!(error instanceof ApiError)) reachable(false)
    }
  }

  /** Sends the queue in order, one message at a time, so the helpline reads them as written. */
  const flush = () => {
    clearTimeout(sendTimer)
    if (stopped) return
    if (!sending && state.phase === 'ready') void pump()
  }
  const pump = async () => {
    sending = true
    for (let head = state.queue[0]; head && !stopped; head = state.queue[0]) {
      try {
        const message = await postMessage(endpoint, token, { clientId: head.clientId, text: head.text })
        const sent = head.clientId
        sendAttempt = 0
        reachable(true)
        update({ retrying: false, queue: state.queue.filter((queued) => queued.clientId !== sent) })
        addMessages([message])
      } catch (error) {
        if (!(error instanceof ApiError)) {
          // Kept with the same clientId: if the server did store it, the retry is answered as a duplicate.
          reachable(false)
          update({ retrying: true })
          sendTimer = setTimeout(flush, backoff(sendAttempt++))
          break
        }
        const refused = head
        update({
          retrying: false,
          queue: state.queue.filter((queued) => queued.clientId !== refused.clientId),
          failed: [...state.failed, { ...refused, error: error.message }],
        })
        persist()
      }
    }
    sending = false
  }

  const onReady = () => {
    if (stopped) return
    disconnect = connectRealtime(endpoint.server, endpoint.channel, token, {
      onMessage: (message) => addMessages([message]),
      onUp: (again) => {
        socketDown = false
        restDown = false
        update({})
        if (again) void loadHistory()
        flush()
      },
      onDown: () => {
        socketDown = true
        update({})
      },
    })
    if (resumed) void loadHistory()
    flush()
  }

  const onOffline = () => reachable(false)

  const onOnline = () => {
    if (state.phase === 'loading') void loadInfo()
    if (state.phase !== 'ready') return
    void loadHistory()
    flush()
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      if (state.phase !== 'idle') return
      const saved = loadSession(endpoint.channel)
      token = saved?.token ?? makeVisitorToken()
      resumed = saved !== null
      update({ phase: 'loading', messages: saved?.messages ?? [], queue: saved?.queue ?? [] })
      persist()
      window.addEventListener('online', onOnline)
      window.addEventListener('offline', onOffline)
      void loadInfo()
    },
    send(text) {
      const trimmed = text.trim().slice(0, MAX_TEXT_LENGTH)
      if (!trimmed) return
      const queued = { clientId: makeUuid(), text: trimmed, createdAt: new Date().toISOString() }
      update({ queue: [...state.queue, queued] })
      persist()
      flush()
    },
    stop() {
      stopped = true
      clearTimeout(infoTimer)
      clearTimeout(sendTimer)
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      disconnect?.()
    },
  }
}

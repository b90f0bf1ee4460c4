import type { WidgetMessage, WidgetPrechatAnswers } from '@ascolto/protocol'

// The visitor's session lives in sessionStorage only: it ends with the tab, which matters on a
// shared or family phone. Never localStorage, never cookies. A helpline may turn even that off:
// the session then lives in memory and ends with the page.

/** A message written by the person that the server has not confirmed yet. */
export type QueuedMessage = { clientId: string; text: string; createdAt: string }
/** The survey's answers (none: skipped), in the same outbox, so they go before what is written after. */
export type QueuedSurvey = { clientId: string; answers: Record<string, number | boolean>; createdAt: string }
export type Queued = QueuedMessage | QueuedSurvey

export type StoredSession = {
  token: string
  messages: WidgetMessage[]
  queue: Queued[]
  /** The answers given before the chat and the policy accepted; null until the person gave them. */
  prechat: WidgetPrechatAnswers | null
}

/** Enough history to reread the conversation, bounded so a long chat cannot fill the quota. */
const MAX_STORED_MESSAGES = 200

const keyFor = (channel: string) => `ascolto:${channel}`

// When storage is unavailable (blocked, private mode, quota) or turned off, the session lives here.
const memory = new Map<string, StoredSession>()

export function loadSession(channel: string): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(keyFor(channel))
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<StoredSession>
      if (typeof parsed.token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(parsed.token)) {
        return {
          token: parsed.token,
          messages: Array.isArray(parsed.messages) ? parsed.messages : [],
          queue: Array.isArray(parsed.queue) ? parsed.queue : [],
          prechat: parsed.prechat && typeof parsed.prechat === 'object' ? parsed.prechat : null,
        }
      }
    }
  } catch {
    // Unreadable or corrupted: fall through to the in-memory copy.
  }
  return memory.get(channel) ?? null
}

const removeKeys = (match: (key: string) => boolean) => {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i)
      if (key && match(key)) sessionStorage.removeItem(key)
    }
  } catch {
    // Storage unavailable: nothing was kept there.
  }
}

/** Forgets every session this widget kept in the tab (quick exit): sessionStorage and memory. */
export function clearAllSessions(): void {
  memory.clear()
  removeKeys((key) => key.startsWith('ascolto:'))
}

/** Forgets this channel's session ("end chat"). */
export function clearSession(channel: string): void {
  memory.delete(channel)
  removeKeys((key) => key === keyFor(channel))
}

/**
 * Keeps the session in memory, and in sessionStorage when `durable` (the helpline allows it).
 * Undefined: the helpline has not answered yet (offline, say); storage already holding this
 * session (an earlier page was allowed to) goes on being updated, nothing new is written there.
 */
export function saveSession(channel: string, session: StoredSession, durable: boolean | undefined): void {
  const trimmed = { ...session, messages: session.messages.slice(-MAX_STORED_MESSAGES) }
  memory.set(channel, trimmed)
  try {
    if (durable === false) sessionStorage.removeItem(keyFor(channel))
    else if (durable || sessionStorage.getItem(keyFor(channel)) !== null)
      sessionStorage.setItem(keyFor(channel), JSON.stringify(trimmed))
  } catch {
    // Keep the in-memory copy.
  }
}

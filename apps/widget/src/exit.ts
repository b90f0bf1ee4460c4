import type { Chat } from './chat.ts'
import { disarmLeaveWarning } from './leave-warning.ts'
import { clearAllSessions } from './storage.ts'

// Quick exit: for a person who must hide the chat at once (someone walks in). It ends the
// conversation on the server (a keepalive request, so it outlives the page), forgets the session
// kept in this tab, closes the socket, and replaces the page with a neutral one, so that Back does
// not return to it.

export const DEFAULT_EXIT_URL = 'https://www.google.com/search?q=meteo'

/** Escape pressed this many times within EXIT_WINDOW_MS also leaves. */
export const EXIT_PRESSES = 3
export const EXIT_WINDOW_MS = 1500

/** Only http(s) addresses are followed; anything else falls back to the neutral default. */
export function exitTarget(url: string | null | undefined): string {
  if (url) {
    try {
      const parsed = new URL(url, location.href)
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href
    } catch {
      // fall through
    }
  }
  return DEFAULT_EXIT_URL
}

export function quickExit(chat: Chat, url: string | null | undefined): void {
  disarmLeaveWarning()
  chat.stop()
  clearAllSessions()
  location.replace(exitTarget(url))
}

/** Calls `onExit` when Escape is pressed EXIT_PRESSES times within EXIT_WINDOW_MS; returns a remover. */
export function listenForExitKeys(onExit: () => void): () => void {
  let presses: number[] = []
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.repeat) return
    const now = Date.now()
    presses = [...presses.filter((at) => now - at < EXIT_WINDOW_MS), now]
    if (presses.length >= EXIT_PRESSES) {
      presses = []
      onExit()
    }
  }
  // Capture phase on the window: the panel stops Escape from bubbling (it closes the panel).
  window.addEventListener('keydown', onKey, true)
  return () => window.removeEventListener('keydown', onKey, true)
}

import { useEffect, useRef } from 'preact/hooks'

// Before the tab is closed (or the page left) during a conversation, the browser asks the person
// whether to leave: the conversation will no longer be visible on this device. Browsers show only
// their own words in that dialog, so the panel says the rest itself (ContinueLater.tsx), opened by
// `onWarned` when the person stays. Quick exit disarms it first: leaving at once must not be asked.

const armed = new Set<(event: BeforeUnloadEvent) => void>()

/** Asks before leaving while `active`; `onWarned` runs when the browser asked (the person may stay). */
export function useLeaveWarning(active: boolean, onWarned: () => void) {
  const warned = useRef(onWarned)
  warned.current = onWarned
  useEffect(() => {
    if (!active) return
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // older browsers ask only when returnValue is set
      event.returnValue = ''
      warned.current()
    }
    armed.add(ask)
    window.addEventListener('beforeunload', ask)
    return () => {
      armed.delete(ask)
      window.removeEventListener('beforeunload', ask)
    }
  }, [active])
}

/** Quick exit: the page goes at once, unasked. */
export function disarmLeaveWarning() {
  for (const ask of armed) window.removeEventListener('beforeunload', ask)
  armed.clear()
}

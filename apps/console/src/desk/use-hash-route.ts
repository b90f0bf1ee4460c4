// The open conversation lives in the address (#/conversations/<id>), so the browser's back
// button returns to the queue on a phone, and a reload keeps the conversation open.
import { useEffect, useState } from 'react'

const ROUTE = /^#\/conversations\/([0-9a-f-]{36})$/i

export const conversationHref = (id: string) => `#/conversations/${id}`
export const QUEUE_HREF = '#/'

const selectedFromHash = () => ROUTE.exec(window.location.hash)?.[1] ?? null

export function useSelectedConversationId(): string | null {
  const [selected, setSelected] = useState(selectedFromHash)
  useEffect(() => {
    const update = () => setSelected(selectedFromHash())
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return selected
}

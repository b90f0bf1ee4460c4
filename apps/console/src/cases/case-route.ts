// The cases live in the address like the desk's other screens: #/cases is the list with today's
// follow-ups, #/cases/<id> one case.
import { useEffect, useState } from 'react'

const CASES = /^#\/cases(?:\/([0-9a-f-]{36}))?$/i

export const CASES_HREF = '#/cases'
export const caseHref = (id: string) => `#/cases/${id}`

/** null off the cases; else the case shown, or null for the list. */
export function useCaseRoute(): { caseId: string | null } | null {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const update = () => setHash(window.location.hash)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  const match = CASES.exec(hash)
  return match ? { caseId: match[1] ?? null } : null
}

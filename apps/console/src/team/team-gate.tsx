// The team and audit screens live at #/team/<helplineId> and #/audit/<helplineId>, everyone's own
// account at #/account; every other address is the desk's. Kept apart from the desk's own routes
// so each screen stays in its folder.
import type { SessionView } from '@ascolto/protocol'
import { type ReactNode, useEffect, useState } from 'react'
import { AuditScreen } from '../audit/audit-screen.tsx'
import { AccountScreen } from './account-screen.tsx'
import { TeamScreen } from './team-screen.tsx'

const ROUTE = /^#\/(team|audit)(?:\/([0-9a-f-]{36}))?$/i
const ACCOUNT = '#/account'

export const teamHref = (helplineId?: string) => `#/team${helplineId ? `/${helplineId}` : ''}`
export const auditHref = (helplineId: string) => `#/audit/${helplineId}`

type Props = { session: SessionView; onSignedOut: () => void; children: ReactNode }

export function TeamGate({ session, onSignedOut, children }: Props) {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const update = () => setHash(window.location.hash)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  if (hash === ACCOUNT) return <AccountScreen session={session} onSignedOut={onSignedOut} />
  const match = ROUTE.exec(hash)
  const coordinated = session.memberships.filter((m) => m.role === 'coordinator')
  if (!match || coordinated.length === 0) return children
  const helplineId = coordinated.some((m) => m.helplineId === match[2])
    ? (match[2] as string)
    : (coordinated[0]?.helplineId as string)
  const props = { session, helplines: coordinated, helplineId, onSignedOut }
  return match[1] === 'audit' ? <AuditScreen {...props} /> : <TeamScreen {...props} />
}

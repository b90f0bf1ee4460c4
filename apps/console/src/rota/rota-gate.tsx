// The rota lives at #/rota/<helplineId> (#/rota alone: the first helpline), for every member;
// every other address is the desk's. Kept apart from the desk's routes, as the team's screens are.
import type { SessionView } from '@ascolto/protocol'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RotaScreen } from './rota-screen.tsx'

const ROUTE = /^#\/rota(?:\/([0-9a-f-]{36}))?$/i

export const rotaHref = (helplineId?: string) => `#/rota${helplineId ? `/${helplineId}` : ''}`

type Props = { session: SessionView; onSignedOut: () => void; children: ReactNode }

export function RotaGate({ session, onSignedOut, children }: Props) {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const update = () => setHash(window.location.hash)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  const match = ROUTE.exec(hash)
  const helplines = session.memberships
  if (!match || helplines.length === 0) return children
  const helplineId = helplines.some((m) => m.helplineId === match[1])
    ? (match[1] as string)
    : (helplines[0]?.helplineId as string)
  return <RotaScreen session={session} helplineId={helplineId} onSignedOut={onSignedOut} />
}

/** The desk's way in: one link. */
export function RotaLink({ session }: { session: SessionView }) {
  const { t } = useTranslation()
  const first = session.memberships[0]
  return first ? <a href={rotaHref(first.helplineId)}>{t('rota.link')}</a> : null
}

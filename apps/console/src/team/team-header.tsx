// The header of the team, audit and account screens (back to the conversations, the helpline
// picker, the other screen, signing out), and the page they stand on.
import type { Membership } from '@ascolto/protocol'
import { type ReactNode, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { signOut } from '../api/session.ts'
import { LanguageSwitch } from '../shell/language-switch.tsx'

type Props = {
  displayName: string
  helplines: Membership[]
  helplineId: string
  /** Where the picker goes for another helpline (none: no picker). */
  hrefFor?: (helplineId: string) => string
  /** The other screen of the pair (team ↔ audit log). */
  other?: { href: string; label: string }
  onSignedOut: () => void
}

export function TeamHeader({ displayName, helplines, helplineId, hrefFor, other, onSignedOut }: Props) {
  const { t } = useTranslation()
  const picker = useId()
  return (
    <header className="app-header">
      <p className="app-name">{t('app.name')}</p>
      <nav className="header-nav" aria-label={t('header.nav')}>
        <a href="#/">{t('team.backToDesk')}</a>
        {other && <a href={other.href}>{other.label}</a>}
      </nav>
      {hrefFor && helplines.length > 1 && (
        <p className="team-picker">
          <label htmlFor={picker}>{t('team.helpline')}</label>{' '}
          <select
            id={picker}
            value={helplineId}
            onChange={(event) => {
              window.location.hash = hrefFor(event.target.value)
            }}
          >
            {helplines.map((m) => (
              <option key={m.helplineId} value={m.helplineId}>
                {m.helplineName}
              </option>
            ))}
          </select>
        </p>
      )}
      <div className="account">
        <p className="user-name">
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          {displayName}
        </p>
        <LanguageSwitch />
        <button type="button" className="button-quiet" onClick={() => signOut().finally(onSignedOut)}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  )
}

/** A screen of its own beside the desk: the header above, the title and content below. */
export function TeamPage({
  title,
  className = 'team',
  children,
  ...header
}: Props & { title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className="team-page">
      <TeamHeader {...header} />
      <main className={className}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  )
}

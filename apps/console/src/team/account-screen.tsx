// "Il mio account": anyone on the team sees whether their account has a second factor, and sets
// one up when they want to (those whose role needs one were made to at sign-in).
import type { SessionView } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { loadSession } from '../api/session.ts'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { EnrolSecondFactor } from '../sign-in/enrol-second-factor.tsx'
import { TeamHeader } from './team-header.tsx'
import '../sign-in/sign-in.css'
import './team.css'

type Props = { session: SessionView; onSignedOut: () => void }

export function AccountScreen({ session, onSignedOut }: Props) {
  const { t } = useTranslation()
  const [enrolled, setEnrolled] = useState(session.secondFactor.enrolled)
  const [enrolling, setEnrolling] = useState(false)
  useDocumentTitle(`${t('account.title')} · ${t('app.name')}`)

  return (
    <div className="team-page">
      <TeamHeader
        displayName={session.user.displayName}
        helplines={[]}
        helplineId=""
        onSignedOut={onSignedOut}
      />
      <main className="team">
        <h1>{t('account.title')}</h1>
        <p>
          {session.user.displayName} · {session.user.email}
        </p>
        <h2>{t('account.secondFactor')}</h2>
        {enrolled ? (
          <p role="status">{t('account.enrolled')}</p>
        ) : enrolling ? (
          <div className="account-enrol">
            <EnrolSecondFactor
              onDone={async () => {
                await loadSession()
                setEnrolled(true)
                setEnrolling(false)
              }}
            />
          </div>
        ) : (
          <>
            <p>{t('account.notEnrolled')}</p>
            <button type="button" className="button-primary" onClick={() => setEnrolling(true)}>
              {t('account.enrol')}
            </button>
          </>
        )}
      </main>
    </div>
  )
}

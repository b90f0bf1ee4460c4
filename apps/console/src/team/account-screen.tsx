// "Il mio account": anyone on the team sees their second factors and adds one when they want to
// (those whose role needs one were made to at sign-in): an authenticator app, and passkeys,
// listed with their names and last use, each removable unless it is the last one a role needs;
// new recovery codes on request. Each change asks for the password again when the server wants it.
import type { SecondFactorsView, SessionView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { loadSession } from '../api/session.ts'
import { PhoneField } from '../calls/phone-field.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { EnrolSecondFactor } from '../sign-in/enrol-second-factor.tsx'
import { loadSecondFactors } from '../sign-in/passkeys-api.ts'
import { LanguagesField } from './languages-field.tsx'
import { PasskeyList } from './passkey-list.tsx'
import { RenewRecoveryCodes } from './renew-recovery-codes.tsx'
import { TeamPage } from './team-header.tsx'
import '../sign-in/sign-in.css'
import './team.css'

type Props = { session: SessionView; onSignedOut: () => void }

export function AccountScreen({ session, onSignedOut }: Props) {
  const { t } = useTranslation()
  const [factors, setFactors] = useState<SecondFactorsView | null>(null)
  const [enrolling, setEnrolling] = useState(false)
  useDocumentTitle(`${t('account.title')} · ${t('app.name')}`)

  const reload = async () => setFactors(await loadSecondFactors())
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once, when the screen opens
  useEffect(() => {
    reload().catch(() => setFactors({ totp: session.secondFactor.enrolled, passkeys: [] }))
  }, [])

  const enrolled = factors ? factors.totp || factors.passkeys.length > 0 : session.secondFactor.enrolled

  return (
    <TeamPage
      displayName={session.user.displayName}
      helplines={[]}
      helplineId=""
      onSignedOut={onSignedOut}
      title={t('account.title')}
      className="team account-screen"
    >
      <p>
        {session.user.displayName} · {session.user.email}
      </p>
      <h2>{t('account.secondFactor')}</h2>
      <p role="status">{enrolled ? t('account.enrolled') : t('account.notEnrolled')}</p>

      <h3>{t('account.app')}</h3>
      {!factors ? null : factors.totp ? (
        <p>{t('account.appOn')}</p>
      ) : enrolling ? (
        <div className="account-enrol">
          <EnrolSecondFactor
            onDone={async () => {
              await loadSession()
              await reload()
              setEnrolling(false)
            }}
          />
        </div>
      ) : (
        <button type="button" className="button-secondary" onClick={() => setEnrolling(true)}>
          {t('account.enrol')}
        </button>
      )}

      <h3>{t('passkeys.title')}</h3>
      {factors && <PasskeyList passkeys={factors.passkeys} onChanged={reload} />}

      {enrolled && (
        <>
          <h3>{t('account.recovery')}</h3>
          <RenewRecoveryCodes />
        </>
      )}
      <PhoneField />
      <LanguagesField />
    </TeamPage>
  )
}

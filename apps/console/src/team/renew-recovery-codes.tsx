// New recovery codes, only when the person asks (the old ones stop working), after their password
// when the server wants it again; shown once, like the first ones. The server audits each issue.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../shell/error-alert.tsx'
import { ConfirmPassword, needsPassword } from '../sign-in/confirm-password.tsx'
import { RecoveryCodes } from '../sign-in/recovery-codes.tsx'
import { renewRecoveryCodes } from '../sign-in/sign-in-api.ts'

export function RenewRecoveryCodes() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [codes, setCodes] = useState<string[] | null>(null)
  const [askPassword, setAskPassword] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function renew() {
    setError(null)
    try {
      setCodes((await renewRecoveryCodes()).recoveryCodes)
    } catch (failure) {
      if (needsPassword(failure)) setAskPassword(true)
      else setError(errorText(failure))
    }
  }

  if (codes) {
    return (
      <div className="account-enrol">
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      </div>
    )
  }
  if (askPassword) {
    return (
      <ConfirmPassword
        onConfirmed={() => {
          setAskPassword(false)
          renew()
        }}
      />
    )
  }
  return (
    <>
      <p className="muted">{t('account.recoveryIntro')}</p>
      {error && (
        <p className="error-alert" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button-secondary"
        onClick={() => window.confirm(t('account.confirmRenew')) && renew()}
      >
        {t('account.renewRecovery')}
      </button>
    </>
  )
}

// Setting up the second factor: the secret as a QR code for the phone's camera, beside it as text
// and as an otpauth link (the QR is drawn here, never by a third party), a first code to confirm,
// then the recovery codes, once.
// At first sign-in a passkey is offered too, where the browser has WebAuthn.
import type { TotpEnrolment } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../shell/error-alert.tsx'
import { AddPasskey } from './add-passkey.tsx'
import { ConfirmPassword, needsPassword } from './confirm-password.tsx'
import { supportsPasskeys } from './passkeys-api.ts'
import { RecoveryCodes } from './recovery-codes.tsx'
import { confirmEnrolment, startEnrolment } from './sign-in-api.ts'
import { TotpQr } from './totp-qr.tsx'

type Props = {
  onDone: () => void
  /** Offer a passkey in place of the app (the account screen has its own list of passkeys). */
  offerPasskey?: boolean
}

export function EnrolSecondFactor({ onDone, offerPasskey = false }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const [code, setCode] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [askPassword, setAskPassword] = useState(false)
  const ids = { code: useId(), error: useId(), secret: useId(), passkey: useId() }

  async function begin() {
    setPending(true)
    setError(null)
    try {
      setEnrolment(await startEnrolment())
    } catch (failure) {
      if (needsPassword(failure)) setAskPassword(true)
      else setError(errorText(failure))
    }
    setPending(false)
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      const { recoveryCodes } = await confirmEnrolment(code.replace(/\s/g, ''))
      // codes come with the first second factor only: beside a passkey, the old ones stay
      if (recoveryCodes) setRecoveryCodes(recoveryCodes)
      else onDone()
    } catch (failure) {
      if (needsPassword(failure)) setAskPassword(true)
      else setError(t('enrol.badCode'))
    }
    setPending(false)
  }

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={onDone} />
  if (askPassword) {
    return (
      <ConfirmPassword
        onConfirmed={() => {
          setAskPassword(false)
          if (!enrolment) begin()
        }}
      />
    )
  }

  return (
    <>
      <h1>{t('enrol.title')}</h1>
      <p className="muted">{t('enrol.intro')}</p>
      {!enrolment ? (
        <button type="button" className="button-primary" onClick={begin} disabled={pending}>
          {t('enrol.start')}
        </button>
      ) : (
        <form onSubmit={confirm} aria-describedby={error ? ids.error : undefined}>
          <div className="totp-setup">
            <TotpQr uri={enrolment.uri} label={t('joining.qrLabel')} />
            <div>
              <p className="muted">{t('joining.qrHint')}</p>
              <p id={ids.secret}>{t('enrol.secret')}</p>
              <p className="totp-secret">
                <code aria-describedby={ids.secret}>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </p>
              <p>
                <a href={enrolment.uri}>{t('enrol.openApp')}</a>
              </p>
            </div>
          </div>
          <label htmlFor={ids.code}>{t('enrol.code')}</label>
          <input
            id={ids.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            required
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <button type="submit" className="button-primary" disabled={pending}>
            {t('enrol.confirm')}
          </button>
        </form>
      )}
      {error && (
        <p id={ids.error} className="error-alert" role="alert">
          {error}
        </p>
      )}
      {offerPasskey && !enrolment && supportsPasskeys() && (
        <section className="enrol-passkey" aria-labelledby={ids.passkey}>
          <h2 id={ids.passkey}>{t('enrol.orPasskey')}</h2>
          <p className="muted">{t('enrol.passkeyIntro')}</p>
          <AddPasskey
            onAdded={(added) => (added.recoveryCodes ? setRecoveryCodes(added.recoveryCodes) : onDone())}
          />
        </section>
      )}
    </>
  )
}

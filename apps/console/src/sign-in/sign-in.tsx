// Signing in: e-mail and password, then, for an account with a second factor, the code from the
// authenticator app (or a recovery code), or a passkey where the browser has WebAuthn. A session that must first set up a second factor gets
// the enrolment step; a page opened from an invitation link gets the invitation form, and one
// opened from a password reset link the new password's form; "Password dimenticata?" asks for one.
import type { SessionView } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { loadSession } from '../api/session.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { LanguageSwitch } from '../shell/language-switch.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { AcceptInvitation } from './accept-invitation.tsx'
import { EnrolSecondFactor } from './enrol-second-factor.tsx'
import { ForgotPassword } from './forgot-password.tsx'
import { PasskeyCeremonyError, signInWithPasskey, supportsPasskeys } from './passkeys-api.ts'
import { ResetPassword } from './reset-password.tsx'
import { linkToken, signInWithCode } from './sign-in-api.ts'
import './sign-in.css'

type Arrived = { email: string; why: 'joined' | 'reset' }

type Props = {
  /** A session that may only set up a second factor, when there is one. */
  session?: SessionView
  onSignedIn: (session: SessionView) => void
}

export function SignIn({ session, onSignedIn }: Props) {
  const { t } = useTranslation()
  const [link, setLink] = useState(linkToken)
  const [forgot, setForgot] = useState<string | null>(null)
  // the address of the invitation just accepted or the password just reset: the sign-in form
  // starts with it, and says why
  const [arrived, setArrived] = useState<Arrived | null>(null)
  useDocumentTitle(`${t('signIn.title')} · ${t('app.name')}`)
  const done = (why: Arrived['why']) => (email: string) => {
    window.history.replaceState(null, '', window.location.pathname)
    setLink(null)
    setArrived({ email, why })
  }

  let step: React.ReactNode
  if (session?.secondFactor.mustEnrol) {
    step = (
      <EnrolSecondFactor offerPasskey onDone={async () => onSignedIn((await loadSession()) ?? session)} />
    )
  } else if (link?.kind === 'invitation') {
    step = <AcceptInvitation token={link.token} onAccepted={done('joined')} />
  } else if (link?.kind === 'reset') {
    step = <ResetPassword token={link.token} onDone={done('reset')} />
  } else if (forgot !== null) {
    step = <ForgotPassword email={forgot} onBack={() => setForgot(null)} />
  } else {
    step = <PasswordStep onSignedIn={onSignedIn} arrived={arrived} onForgot={setForgot} />
  }
  return (
    <div className="sign-in-page">
      <header className="app-header">
        <p className="app-name">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main className="sign-in">{step}</main>
    </div>
  )
}

function PasswordStep({
  onSignedIn,
  arrived,
  onForgot,
}: {
  onSignedIn: (session: SessionView) => void
  arrived: Arrived | null
  onForgot: (email: string) => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [email, setEmail] = useState(arrived?.email ?? '')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [askCode, setAskCode] = useState(false)
  // which way the sign-in is under way: the password (and code), or a passkey
  const [pending, setPending] = useState<'code' | 'passkey' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const ids = { email: useId(), password: useId(), code: useId(), error: useId() }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending('code')
    setError(null)
    const typed = code.replace(/\s/g, '').toLowerCase()
    try {
      onSignedIn(await signInWithCode({ email: email.trim(), password, ...(askCode ? { code: typed } : {}) }))
    } catch (failure) {
      setPending(null)
      if (failure instanceof ApiError && failure.code === 'ASCOLTO_ERR_SECOND_FACTOR_REQUIRED') {
        setAskCode(true)
        return
      }
      if (failure instanceof ApiError && failure.status === 429) {
        setError(t('signIn.throttled'))
        return
      }
      // a 401 here is always the credentials: the server does not say which one was wrong
      const wrong = failure instanceof ApiError && failure.status === 401
      setError(wrong ? t(askCode ? 'signIn.badCode' : 'signIn.badCredentials') : errorText(failure))
      // a 400 on the code step is a code of the wrong shape
      if (askCode && failure instanceof ApiError && failure.status === 400) setError(t('signIn.badCode'))
    }
  }

  async function signInByPasskey() {
    setPending('passkey')
    setError(null)
    try {
      onSignedIn(await signInWithPasskey({ email: email.trim(), password }))
    } catch (failure) {
      setPending(null)
      const status = failure instanceof ApiError ? failure.status : 0
      if (failure instanceof PasskeyCeremonyError) setError(t('signIn.passkeyCancelled'))
      else if (status === 404) setError(t('signIn.passkeyNone'))
      else if (status === 429) setError(t('signIn.throttled'))
      else if (status === 401) setError(t('signIn.passkeyRefused'))
      else setError(errorText(failure))
    }
  }

  return (
    <>
      <h1>{askCode ? t('signIn.codeTitle') : t('signIn.title')}</h1>
      {arrived && !askCode && (
        <p role="status">{t(arrived.why === 'joined' ? 'invitation.done' : 'reset.done')}</p>
      )}
      <p className="muted">{askCode ? t('signIn.codeIntro') : t('signIn.intro')}</p>
      <form onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <div hidden={askCode} className="sign-in-fields">
          <label htmlFor={ids.email}>{t('signIn.email')}</label>
          <input
            id={ids.email}
            type="email"
            autoComplete="username"
            required
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input
            id={ids.password}
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {askCode && (
          <>
            <label htmlFor={ids.code}>{t('signIn.code')}</label>
            <input
              id={ids.code}
              inputMode="text"
              autoComplete="one-time-code"
              // biome-ignore lint/a11y/noAutofocus: the code step has one field, the one to type in now
              autoFocus
              required
              maxLength={30}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </>
        )}
        {error && (
          <p id={ids.error} className="error-alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={pending !== null}>
          {pending === 'code' ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      {!askCode && (
        <button type="button" className="button-quiet sign-in-forgot" onClick={() => onForgot(email.trim())}>
          {t('reset.forgot')}
        </button>
      )}
      {askCode && supportsPasskeys() && (
        <div className="sign-in-passkey">
          <p className="muted">{t('signIn.passkeyIntro')}</p>
          <button
            type="button"
            className="button-secondary"
            onClick={signInByPasskey}
            disabled={pending !== null}
          >
            {pending === 'passkey' ? t('signIn.passkeyPending') : t('signIn.usePasskey')}
          </button>
        </div>
      )}
    </>
  )
}

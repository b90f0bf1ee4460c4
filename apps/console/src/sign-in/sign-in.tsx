import type { SessionView } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { signIn } from '../api/session.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { LanguageSwitch } from '../shell/language-switch.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import './sign-in.css'

export function SignIn({ onSignedIn }: { onSignedIn: (session: SessionView) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ids = { email: useId(), password: useId(), error: useId() }
  useDocumentTitle(`${t('signIn.title')} · ${t('app.name')}`)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      onSignedIn(await signIn({ email: email.trim(), password }))
    } catch (failure) {
      // a 401 here is always the credentials: the server does not say which one was wrong
      setError(
        failure instanceof ApiError && failure.status === 401
          ? t('signIn.badCredentials')
          : errorText(failure),
      )
      setPending(false)
    }
  }

  return (
    <div className="sign-in-page">
      <header className="app-header">
        <p className="app-name">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main className="sign-in">
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <form onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
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
          {error && (
            <p id={ids.error} className="error-alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  )
}

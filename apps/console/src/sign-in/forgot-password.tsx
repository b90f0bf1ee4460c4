// "Password dimenticata?": the address, and a link by e-mail where the person's helpline can send
// one. The answer is the same whether the address has an account or not, and says what to do
// where no mail comes: ask a coordinator for a link.
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { askPasswordReset } from './sign-in-api.ts'

type Props = { email: string; onBack: () => void }

export function ForgotPassword({ email: typed, onBack }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const ids = { email: useId(), error: useId() }
  const [email, setEmail] = useState(typed)
  const [sent, setSent] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      await askPasswordReset(email.trim())
      setSent(true)
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 429 ? t('reset.throttled') : errorText(failure),
      )
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <h1>{t('reset.forgotTitle')}</h1>
      <p className="muted">{t('reset.forgotIntro')}</p>
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
        {error && (
          <p id={ids.error} className="error-alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={pending}>
          {t('reset.send')}
        </button>
      </form>
      <p role="status" className="sign-in-sent">
        {sent ? t('reset.sent') : ''}
      </p>
      <button type="button" className="button-quiet" onClick={onBack}>
        {t('reset.back')}
      </button>
    </>
  )
}

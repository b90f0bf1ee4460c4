// The password again, asked in place when the server wants it before the account's second factors
// change (ASCOLTO_ERR_REAUTHENTICATION_REQUIRED, a few minutes after signing in); once it is
// confirmed, the step that asked is tried again.
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { reauthenticate } from './sign-in-api.ts'

export const needsPassword = (failure: unknown) =>
  failure instanceof ApiError && failure.code === 'ASCOLTO_ERR_REAUTHENTICATION_REQUIRED'

export function ConfirmPassword({ onConfirmed }: { onConfirmed: () => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ids = { title: useId(), password: useId(), error: useId() }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      await reauthenticate(password)
      setPending(false)
      onConfirmed()
    } catch (failure) {
      setPending(false)
      setError(
        failure instanceof ApiError && failure.code === 'ASCOLTO_ERR_BAD_CREDENTIALS'
          ? t('reauth.wrong')
          : errorText(failure),
      )
    }
  }

  return (
    <form
      className="confirm-password"
      onSubmit={submit}
      aria-labelledby={ids.title}
      aria-describedby={error ? ids.error : undefined}
    >
      <h3 id={ids.title}>{t('reauth.title')}</h3>
      <p className="muted">{t('reauth.intro')}</p>
      <label htmlFor={ids.password}>{t('reauth.password')}</label>
      <input
        id={ids.password}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {error && (
        <p id={ids.error} className="error-alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={pending}>
        {t('reauth.confirm')}
      </button>
    </form>
  )
}

// The page an invitation link opens: the newcomer chooses the name their colleagues see and a
// password (someone who already has an account gives theirs), and the link is spent.
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { acceptInvitation } from './sign-in-api.ts'

export function AcceptInvitation({ token, onAccepted }: { token: string; onAccepted: () => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ids = { name: useId(), password: useId(), again: useId(), error: useId(), hint: useId() }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (password !== again) {
      setError(t('invitation.mismatch'))
      return
    }
    setPending(true)
    setError(null)
    try {
      await acceptInvitation({ token, displayName: displayName.trim(), password })
      onAccepted()
    } catch (failure) {
      setPending(false)
      if (failure instanceof ApiError && failure.status === 410) setError(t('invitation.spent'))
      else if (failure instanceof ApiError && failure.status === 401) setError(t('invitation.existing'))
      else setError(errorText(failure))
    }
  }

  return (
    <>
      <h1>{t('invitation.title')}</h1>
      <p className="muted">{t('invitation.intro')}</p>
      <form onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <label htmlFor={ids.name}>{t('invitation.name')}</label>
        <input
          id={ids.name}
          required
          maxLength={100}
          autoComplete="nickname"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <label htmlFor={ids.password}>{t('invitation.password')}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={1024}
          aria-describedby={ids.hint}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id={ids.hint} className="muted field-hint">
          {t('invitation.passwordHint')}
        </p>
        <label htmlFor={ids.again}>{t('invitation.again')}</label>
        <input
          id={ids.again}
          type="password"
          autoComplete="new-password"
          required
          maxLength={1024}
          value={again}
          onChange={(event) => setAgain(event.target.value)}
        />
        {error && (
          <p id={ids.error} className="error-alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={pending}>
          {t('invitation.submit')}
        </button>
      </form>
    </>
  )
}

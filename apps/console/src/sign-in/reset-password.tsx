// The page a password reset link opens: it names the address the link is for; a new password,
// typed twice, replaces the old one and ends every session of the account. A link used or
// expired says so, with no form.
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { NewPasswordFields } from './new-password-fields.tsx'
import { completePasswordReset, lookUpPasswordReset } from './sign-in-api.ts'

type Props = { token: string; onDone: (email: string) => void }

export function ResetPassword({ token, onDone }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const errorId = useId()
  const [email, setEmail] = useState<string | 'spent' | null>(null)
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per link (errorText is new at each render)
  useEffect(() => {
    lookUpPasswordReset(token).then(
      (preview) => setEmail(preview.email),
      (failure) => {
        if (failure instanceof ApiError && failure.status === 410) setEmail('spent')
        else setError(errorText(failure))
      },
    )
  }, [token])

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (password !== again) {
      setError(t('invitation.mismatch'))
      return
    }
    setPending(true)
    setError(null)
    try {
      onDone((await completePasswordReset({ token, password })).email)
    } catch (failure) {
      setPending(false)
      if (failure instanceof ApiError && failure.status === 410) setEmail('spent')
      else setError(errorText(failure))
    }
  }

  return (
    <>
      <h1>{t('reset.title')}</h1>
      {email === 'spent' ? (
        <p role="alert" className="error-alert">
          {t('reset.spent')}
        </p>
      ) : (
        email && <p className="invitation-for">{t('reset.for', { email })}</p>
      )}
      <form hidden={email === 'spent'} onSubmit={submit} aria-describedby={error ? errorId : undefined}>
        <NewPasswordFields
          password={password}
          again={again}
          hint={t('reset.passwordHint')}
          onPassword={setPassword}
          onAgain={setAgain}
        />
        {error && (
          <p id={errorId} className="error-alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={pending || !email}>
          {t('reset.submit')}
        </button>
      </form>
    </>
  )
}

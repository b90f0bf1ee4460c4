// The page a password reset link opens: it names the address the link is for; a new password,
// typed twice, replaces the old one and ends every session of the account. A link used or
// expired says so, with no form.
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { NewPasswordFields } from './new-password-fields.tsx'
import { completePasswordReset, lookUpPasswordReset } from './sign-in-api.ts'
import { useLinkPreview } from './use-link-preview.ts'

type Props = { token: string; onDone: (email: string) => void }

export function ResetPassword({ token, onDone }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const errorId = useId()
  const { preview, setPreview, error, setError } = useLinkPreview(lookUpPasswordReset, token)
  const email = preview === 'spent' ? preview : (preview?.email ?? null)
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [pending, setPending] = useState(false)

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
      if (failure instanceof ApiError && failure.status === 410) setPreview('spent')
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

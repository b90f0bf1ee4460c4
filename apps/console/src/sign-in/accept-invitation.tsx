// The page an invitation link opens: it names the helpline and the address the invitation is for;
// the newcomer chooses the name the team sees and a password (someone who already has an account
// gives theirs), and the link is spent. A link already used or expired says so, with no form.
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { NewPasswordFields } from './new-password-fields.tsx'
import { acceptInvitation, lookUpInvitation } from './sign-in-api.ts'
import { useLinkPreview } from './use-link-preview.ts'

type Props = { token: string; onAccepted: (email: string) => void }

export function AcceptInvitation({ token, onAccepted }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [pending, setPending] = useState(false)
  const ids = { name: useId(), error: useId() }
  const { preview, error, setError } = useLinkPreview(lookUpInvitation, token)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (password !== again) {
      setError(t('invitation.mismatch'))
      return
    }
    setPending(true)
    setError(null)
    try {
      const { email } = await acceptInvitation({ token, displayName: displayName.trim(), password })
      onAccepted(email)
    } catch (failure) {
      setPending(false)
      if (failure instanceof ApiError && failure.status === 410) setError(t('invitation.spent'))
      else if (failure instanceof ApiError && failure.status === 401) setError(t('invitation.existing'))
      else setError(errorText(failure))
    }
  }

  return (
    <>
      <h1>
        {preview && preview !== 'spent'
          ? t('joining.joinNamed', { name: preview.helplineName })
          : t('invitation.title')}
      </h1>
      {preview === 'spent' ? (
        <p role="alert" className="error-alert">
          {t('invitation.spent')}
        </p>
      ) : (
        preview && (
          <p className="invitation-for">
            {t('joining.invitedAs', { email: preview.email, role: t(`team.roles.${preview.role}`) })}
          </p>
        )
      )}
      <p className="muted">{t('invitation.intro')}</p>
      <form hidden={preview === 'spent'} onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <label htmlFor={ids.name}>{t('invitation.name')}</label>
        <input
          id={ids.name}
          required
          maxLength={100}
          autoComplete="nickname"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <NewPasswordFields
          password={password}
          again={again}
          hint={t('invitation.passwordHint')}
          onPassword={setPassword}
          onAgain={setAgain}
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

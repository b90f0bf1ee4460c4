// A new password, typed twice: the invitation's and the password reset's pages share it. The
// caller checks that the two agree (`samePasswords`) before sending.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

type Props = {
  password: string
  again: string
  hint: string
  onPassword: (value: string) => void
  onAgain: (value: string) => void
}

export function NewPasswordFields({ password, again, hint, onPassword, onAgain }: Props) {
  const { t } = useTranslation()
  const ids = { password: useId(), again: useId(), hint: useId() }
  return (
    <>
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
        onChange={(event) => onPassword(event.target.value)}
      />
      <p id={ids.hint} className="muted field-hint">
        {hint}
      </p>
      <label htmlFor={ids.again}>{t('invitation.again')}</label>
      <input
        id={ids.again}
        type="password"
        autoComplete="new-password"
        required
        maxLength={1024}
        value={again}
        onChange={(event) => onAgain(event.target.value)}
      />
    </>
  )
}

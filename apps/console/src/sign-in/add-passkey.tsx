// Adding a passkey: a name to tell it apart, then the browser's own prompt (fingerprint, face,
// PIN or security key). Used at first sign-in, in place of the app, and on the account screen.
import type { PasskeyAdded } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../shell/error-alert.tsx'
import { ConfirmPassword, needsPassword } from './confirm-password.tsx'
import { addPasskey, PasskeyCeremonyError } from './passkeys-api.ts'

const NAME_LENGTH = 60

export function AddPasskey({ onAdded }: { onAdded: (added: PasskeyAdded) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [name, setName] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [askPassword, setAskPassword] = useState(false)
  const ids = { name: useId(), hint: useId(), error: useId() }

  async function add() {
    setPending(true)
    setError(null)
    try {
      const added = await addPasskey(name.trim())
      setName('')
      onAdded(added)
    } catch (failure) {
      if (needsPassword(failure)) setAskPassword(true)
      else
        setError(
          failure instanceof PasskeyCeremonyError ? t(`passkeys.${failure.failure}`) : errorText(failure),
        )
    }
    setPending(false)
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    add()
  }

  if (askPassword) {
    return (
      <ConfirmPassword
        onConfirmed={() => {
          setAskPassword(false)
          add()
        }}
      />
    )
  }

  return (
    <form className="add-passkey" onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
      <label htmlFor={ids.name}>{t('passkeys.name')}</label>
      <input
        id={ids.name}
        required
        maxLength={NAME_LENGTH}
        autoComplete="off"
        aria-describedby={ids.hint}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <p id={ids.hint} className="field-hint muted">
        {t('passkeys.nameHint')}
      </p>
      {error && (
        <p id={ids.error} className="error-alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button-secondary" disabled={pending}>
        {pending ? t('passkeys.adding') : t('passkeys.add')}
      </button>
    </form>
  )
}

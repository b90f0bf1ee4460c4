// The account's passkeys: each with its name, when it was added and last used, and a button to
// remove it (the server refuses to remove the last second factor a role needs, and says so); then
// the form to add one, and the recovery codes when it is the account's first second factor.
import type { PasskeyView } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../shell/error-alert.tsx'
import { AddPasskey } from '../sign-in/add-passkey.tsx'
import { removePasskey, supportsPasskeys } from '../sign-in/passkeys-api.ts'
import { RecoveryCodes } from '../sign-in/recovery-codes.tsx'

type Props = { passkeys: PasskeyView[]; onChanged: () => Promise<void> }

export function PasskeyList({ passkeys, onChanged }: Props) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const day = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'long' })

  async function remove(passkey: PasskeyView) {
    if (!window.confirm(t('passkeys.confirmRemove', { name: passkey.name }))) return
    setError(null)
    try {
      await removePasskey(passkey.id)
      setStatus(t('passkeys.removed', { name: passkey.name }))
      await onChanged()
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  if (recoveryCodes) {
    return (
      <div className="account-enrol">
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      </div>
    )
  }
  return (
    <>
      {passkeys.length === 0 ? (
        <p>{t('passkeys.none')}</p>
      ) : (
        <ul className="passkey-list" aria-label={t('passkeys.list')}>
          {passkeys.map((passkey) => (
            <li key={passkey.id}>
              <span className="passkey-name">{passkey.name}</span>
              <span className="muted">
                {t('passkeys.createdAt', { date: day(passkey.createdAt) })} ·{' '}
                {passkey.lastUsedAt
                  ? t('passkeys.lastUsedAt', { date: day(passkey.lastUsedAt) })
                  : t('passkeys.neverUsed')}
              </span>
              <button
                type="button"
                className="button-quiet"
                aria-label={t('passkeys.removeLabel', { name: passkey.name })}
                onClick={() => remove(passkey)}
              >
                {t('passkeys.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="team-status">
        {status}
      </p>
      {error && (
        <p className="error-alert" role="alert">
          {error}
        </p>
      )}
      {supportsPasskeys() ? (
        <AddPasskey
          onAdded={async (added) => {
            setError(null)
            setStatus(t('passkeys.added', { name: added.passkey.name }))
            if (added.recoveryCodes) setRecoveryCodes(added.recoveryCodes)
            await onChanged()
          }}
        />
      ) : (
        <p className="muted">{t('passkeys.unsupported')}</p>
      )}
    </>
  )
}

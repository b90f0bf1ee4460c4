// The recovery codes, shown once and whole, with the first second factor an account gets (app or
// passkey), and a button that copies them all, one a line, for a password manager.
import { useTranslation } from 'react-i18next'
import { CopyButton } from '../shell/copy-button.tsx'

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('enrol.recoveryTitle')}</h1>
      <p className="muted">{t('enrol.recoveryIntro')}</p>
      <ol className="recovery-codes" aria-label={t('enrol.recoveryTitle')}>
        {codes.map((recovery) => (
          <li key={recovery}>
            <code>{recovery}</code>
          </li>
        ))}
      </ol>
      <p className="recovery-actions">
        <CopyButton text={codes.join('\n')} label={t('joining.copyRecovery')} />
      </p>
      <button type="button" className="button-primary" onClick={onDone}>
        {t('enrol.continue')}
      </button>
    </>
  )
}

// The recovery codes, shown once, with the first second factor an account gets (app or passkey).
import { useTranslation } from 'react-i18next'

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
      <button type="button" className="button-primary" onClick={onDone}>
        {t('enrol.continue')}
      </button>
    </>
  )
}

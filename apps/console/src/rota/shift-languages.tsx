// The languages a shift covers: what the people on it speak natively or well, so a coordinator sees
// where Romanian or Arabic is missing before a person writing in it finds nobody; and, when the
// shift asks for a language, whether anyone on it speaks it.
import type { RotaOccurrence } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'

export function ShiftLanguages({ occurrence: o }: { occurrence: RotaOccurrence }) {
  const { t, i18n } = useTranslation()
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' })
  const name = (code: string) => {
    try {
      return names.of(code) ?? code
    } catch {
      return code
    }
  }
  const asked = o.language?.slice(0, 2)
  const missing = asked && !o.languagesSpoken.some((l) => l.language === asked)
  return (
    <p className="hint rota-languages">
      {o.languagesSpoken.length === 0
        ? t('rota.noLanguages')
        : t('rota.languagesSpoken', {
            list: o.languagesSpoken
              .map((l) => t('languages.spokenBy', { name: name(l.language), count: l.operators }))
              .join(' · '),
          })}
      {missing && (
        <>
          {' · '}
          <strong>{t('rota.languageMissing', { language: name(asked) })}</strong>
        </>
      )}
    </p>
  )
}

// Each language is named in itself, so the switch is found whichever language is showing.
import { useTranslation } from 'react-i18next'
import { chooseLanguage, LANGUAGES } from '../i18n/index.ts'

export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => chooseLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </fieldset>
  )
}

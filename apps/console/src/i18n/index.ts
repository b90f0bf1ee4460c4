// Italian first, English second. The choice is remembered in this browser only.
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './en.json'
import it from './it.json'

export const LANGUAGES = ['it', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'ascolto.language'

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language)

function rememberedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isLanguage(stored) ? stored : 'it'
  } catch {
    // storage can be refused (private modes, policies): the default will do
    return 'it'
  }
}

const resources = { it: { translation: it }, en: { translation: en } } as const

export function setupI18n() {
  const lng = rememberedLanguage()
  document.documentElement.lang = lng
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language
  })
  return i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'it',
    supportedLngs: LANGUAGES,
    // resources are bundled: ready at once, so the first render is already translated
    initAsync: false,
    // React escapes what it renders; escaping here too would show &amp; in messages
    interpolation: { escapeValue: false },
  })
}

export async function chooseLanguage(language: Language) {
  await i18next.changeLanguage(language)
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // not remembered, still switched
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'it'
}

// What every section of the settings form is given: the form, and a way to change one field of it.
import { useTranslation } from 'react-i18next'
import type { SettingsForm } from './form-model.ts'

export type Edit = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void

export type SectionProps = { form: SettingsForm; edit: Edit; languages: string[] }

/** A language code in the operator's language ("it" → "italiano"), or the code itself. */
export function useLanguageName() {
  const { i18n } = useTranslation()
  return (code: string) => {
    try {
      return new Intl.DisplayNames([i18n.resolvedLanguage ?? 'it'], { type: 'language' }).of(code) ?? code
    } catch {
      return code
    }
  }
}

// One text in each of the helpline's languages (an automatic reply, the blocking notice, a
// redirect): a box per language, grouped under the text's name.
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { Texts } from './form-model.ts'
import { useLanguageName } from './sections.ts'

type Props = {
  /** The text's path in the file, e.g. 'autoReplies.welcome'. */
  path: string
  legend: string
  /** Words under the legend, read with every box (which placeholders it takes). */
  hint?: string
  languages: string[]
  texts: Texts
  onChange: (texts: Texts) => void
}

export function LocalizedText({ path, legend, hint, languages, texts, onChange }: Props) {
  const hintId = `${path}-hint`
  return (
    <fieldset className="subsection localized">
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {languages.map((language) => (
        <LanguageBox
          key={language}
          path={`${path}.${language}`}
          language={language}
          describedBy={hint ? hintId : undefined}
          value={texts[language] ?? ''}
          onChange={(value) => onChange({ ...texts, [language]: value })}
        />
      ))}
    </fieldset>
  )
}

type BoxProps = {
  path: string
  language: string
  describedBy: string | undefined
  value: string
  onChange: (value: string) => void
}

function LanguageBox({ path, language, describedBy, value, onChange }: BoxProps) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const field = useField(path)
  return (
    <div className="field">
      <label htmlFor={field.id}>{t('settings.textIn', { language: languageName(language) })}</label>
      <textarea
        {...field}
        lang={language}
        rows={3}
        maxLength={2000}
        aria-describedby={describedBy}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  )
}

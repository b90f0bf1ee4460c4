// The helpline itself: its name, its time zone (the hours are read in it), its languages (the
// first is the one the replies go out in).
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { SectionProps } from './sections.ts'

// the browser's own list, offered as suggestions; the server is the judge of a zone's name
const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return []
  }
}

export function LineFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  const name = useField('name')
  const timeZone = useField('timeZone')
  const languages = useField('languages')
  const ids = { zones: useId(), languagesHint: useId() }
  return (
    <fieldset className="settings-section" id="settings-section-line">
      <legend>{t('settings.sections.line')}</legend>
      <div className="field">
        <label htmlFor={name.id}>{t('settings.line.name')}</label>
        <input
          type="text"
          {...name}
          value={form.name}
          onChange={(event) => edit('name', event.target.value)}
        />
      </div>
      <div className="row">
        <div className="field grow">
          <label htmlFor={timeZone.id}>{t('settings.line.timeZone')}</label>
          <input
            type="text"
            {...timeZone}
            list={ids.zones}
            autoComplete="off"
            value={form.timeZone}
            onChange={(event) => edit('timeZone', event.target.value)}
          />
          <datalist id={ids.zones}>
            {zones().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
        <div className="field grow">
          <label htmlFor={languages.id}>{t('settings.line.languages')}</label>
          <input
            type="text"
            {...languages}
            autoComplete="off"
            aria-describedby={ids.languagesHint}
            value={form.languages}
            onChange={(event) => edit('languages', event.target.value)}
          />
        </div>
      </div>
      <p id={ids.languagesHint} className="hint">
        {t('settings.line.languagesHint')}
      </p>
    </fieldset>
  )
}

// Redirects: canned replies sending a person to another desk ("for housing, call …"), sent from
// a conversation with one click. The id is made from the label when left empty.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { RedirectForm } from './form-model.ts'
import { LocalizedText } from './localized-text.tsx'
import { useRows } from './rows.ts'
import type { SectionProps } from './sections.ts'

export function RedirectsFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  const rows = useRows(
    form.redirects,
    (redirects) => edit('redirects', redirects),
    () => ({
      id: '',
      label: '',
      text: {},
    }),
  )
  return (
    <fieldset className="settings-section" id="settings-section-redirects">
      <legend>{t('settings.sections.redirects')}</legend>
      <p className="hint">{t('settings.redirects.intro')}</p>
      <div ref={rows.list}>
        {form.redirects.map((redirect, index) => (
          <RedirectRow
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the row's place in the file
            key={index}
            index={index}
            redirect={redirect}
            languages={languages}
            onChange={(changed) => rows.replace(index, changed)}
            onRemove={() => rows.remove(index)}
          />
        ))}
      </div>
      <button ref={rows.addButton} type="button" className="button-secondary button-small" onClick={rows.add}>
        {t('settings.redirects.add')}
      </button>
    </fieldset>
  )
}

type RowProps = {
  index: number
  redirect: RedirectForm
  languages: string[]
  onChange: (redirect: RedirectForm) => void
  onRemove: () => void
}

function RedirectRow({ index, redirect, languages, onChange, onRemove }: RowProps) {
  const { t } = useTranslation()
  const path = `redirects[${index}]`
  const label = useField(`${path}.label`)
  const id = useField(`${path}.id`)
  const idHint = useId()
  const title = t('settings.redirects.item', { number: index + 1 })
  return (
    <fieldset className="subsection row-item" data-row>
      <legend>{redirect.label.trim() ? `${title}: ${redirect.label}` : title}</legend>
      <div className="row">
        <div className="field grow">
          <label htmlFor={label.id}>{t('settings.redirects.label')}</label>
          <input
            type="text"
            {...label}
            maxLength={100}
            value={redirect.label}
            onChange={(event) => onChange({ ...redirect, label: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id.id}>{t('settings.redirects.id')}</label>
          <input
            type="text"
            {...id}
            className="short-input"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={idHint}
            value={redirect.id}
            onChange={(event) => onChange({ ...redirect, id: event.target.value })}
          />
        </div>
      </div>
      <p id={idHint} className="hint">
        {t('settings.redirects.idHint')}
      </p>
      <LocalizedText
        path={`${path}.text`}
        legend={t('settings.redirects.text')}
        languages={languages}
        texts={redirect.text}
        onChange={(text) => onChange({ ...redirect, text })}
      />
      <button type="button" className="button-quiet button-small" onClick={onRemove}>
        {t('settings.remove')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </fieldset>
  )
}

// Dates that break the weekly hours: closures (from a day to a day, e.g. the August break) and
// single days closed or open at other hours (a special evening, a training day).
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { ClosureForm, ExceptionForm } from './form-model.ts'
import { RangesEditor } from './ranges-editor.tsx'
import { useRows } from './rows.ts'
import type { SectionProps } from './sections.ts'

export function ClosuresFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  const rows = useRows(
    form.closures,
    (closures) => edit('closures', closures),
    () => ({
      from: '',
      to: '',
      reason: '',
    }),
  )
  return (
    <fieldset className="settings-section" id="settings-section-closures">
      <legend>{t('settings.sections.closures')}</legend>
      <p className="hint">{t('settings.closures.intro')}</p>
      <div ref={rows.list}>
        {form.closures.map((closure, index) => (
          <ClosureRow
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the row's place in the file
            key={index}
            index={index}
            closure={closure}
            onChange={(changed) => rows.replace(index, changed)}
            onRemove={() => rows.remove(index)}
          />
        ))}
      </div>
      <button ref={rows.addButton} type="button" className="button-secondary button-small" onClick={rows.add}>
        {t('settings.closures.add')}
      </button>
    </fieldset>
  )
}

type ClosureProps = {
  index: number
  closure: ClosureForm
  onChange: (closure: ClosureForm) => void
  onRemove: () => void
}

function ClosureRow({ index, closure, onChange, onRemove }: ClosureProps) {
  const { t } = useTranslation()
  const path = `opening.closures[${index}]`
  const from = useField(`${path}.from`)
  const to = useField(`${path}.to`)
  const reason = useField(`${path}.reason`)
  const title = t('settings.closures.item', { number: index + 1 })
  return (
    <fieldset className="subsection row-item" data-row>
      <legend>{title}</legend>
      <div className="row">
        <div className="field">
          <label htmlFor={from.id}>{t('settings.closures.from')}</label>
          <input
            type="date"
            {...from}
            value={closure.from}
            onChange={(event) => onChange({ ...closure, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={to.id}>{t('settings.closures.to')}</label>
          <input
            type="date"
            {...to}
            value={closure.to}
            onChange={(event) => onChange({ ...closure, to: event.target.value })}
          />
        </div>
        <div className="field grow">
          <label htmlFor={reason.id}>{t('settings.reason')}</label>
          <input
            type="text"
            {...reason}
            value={closure.reason}
            onChange={(event) => onChange({ ...closure, reason: event.target.value })}
          />
        </div>
      </div>
      <button type="button" className="button-quiet button-small" onClick={onRemove}>
        {t('settings.remove')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </fieldset>
  )
}

export function ExceptionsFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  const rows = useRows(
    form.exceptions,
    (exceptions) => edit('exceptions', exceptions),
    () => ({
      date: '',
      closed: true,
      ranges: [],
      reason: '',
    }),
  )
  return (
    <fieldset className="settings-section" id="settings-section-exceptions">
      <legend>{t('settings.sections.exceptions')}</legend>
      <p className="hint">{t('settings.exceptions.intro')}</p>
      <div ref={rows.list}>
        {form.exceptions.map((exception, index) => (
          <ExceptionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the row's place in the file
            key={index}
            index={index}
            exception={exception}
            onChange={(changed) => rows.replace(index, changed)}
            onRemove={() => rows.remove(index)}
          />
        ))}
      </div>
      <button ref={rows.addButton} type="button" className="button-secondary button-small" onClick={rows.add}>
        {t('settings.exceptions.add')}
      </button>
    </fieldset>
  )
}

type ExceptionProps = {
  index: number
  exception: ExceptionForm
  onChange: (exception: ExceptionForm) => void
  onRemove: () => void
}

function ExceptionRow({ index, exception, onChange, onRemove }: ExceptionProps) {
  const { t } = useTranslation()
  const path = `opening.exceptions[${index}]`
  const date = useField(`${path}.date`)
  const closed = useField(`${path}.closed`)
  const reason = useField(`${path}.reason`)
  const title = t('settings.exceptions.item', { number: index + 1 })
  return (
    <fieldset className="subsection row-item" data-row>
      <legend>{title}</legend>
      <div className="row">
        <div className="field">
          <label htmlFor={date.id}>{t('settings.exceptions.date')}</label>
          <input
            type="date"
            {...date}
            value={exception.date}
            onChange={(event) => onChange({ ...exception, date: event.target.value })}
          />
        </div>
        <div className="field grow">
          <label htmlFor={reason.id}>{t('settings.reason')}</label>
          <input
            type="text"
            {...reason}
            value={exception.reason}
            onChange={(event) => onChange({ ...exception, reason: event.target.value })}
          />
        </div>
      </div>
      <label className="choice" htmlFor={closed.id}>
        <input
          type="checkbox"
          {...closed}
          checked={exception.closed}
          onChange={(event) => onChange({ ...exception, closed: event.target.checked })}
        />
        {t('settings.exceptions.closed')}
      </label>
      {!exception.closed && (
        <RangesEditor
          path={`${path}.ranges`}
          dayName={title}
          ranges={exception.ranges}
          onChange={(ranges) => onChange({ ...exception, ranges })}
        />
      )}
      <button type="button" className="button-quiet button-small" onClick={onRemove}>
        {t('settings.remove')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </fieldset>
  )
}

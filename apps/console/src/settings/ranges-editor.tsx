// The time ranges of one day (a weekday, or a date with special hours): from, to, add, remove.
// Times are typed as text, not <input type="time">: a range may end at 24:00, which a time
// input cannot hold, and the server names a time it cannot read.
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { RangeForm } from './form-model.ts'
import { useRows } from './rows.ts'

type Props = {
  /** The ranges' path in the file, e.g. 'opening.weekly.mon'. */
  path: string
  /** The day in words, for the names of its buttons ("Remove range 1 of Monday"). */
  dayName: string
  ranges: RangeForm[]
  onChange: (ranges: RangeForm[]) => void
}

export function RangesEditor({ path, dayName, ranges, onChange }: Props) {
  const { t } = useTranslation()
  const rows = useRows(ranges, onChange, () => ({ start: '', end: '' }))
  return (
    <div className="ranges" ref={rows.list}>
      {ranges.length === 0 && <p className="muted ranges-none">{t('settings.opening.closedAllDay')}</p>}
      {ranges.map((range, index) => (
        <RangeRow
          // rows have no identity of their own: removing one shifts the next into its place
          // biome-ignore lint/suspicious/noArrayIndexKey: the index is the row's place in the file
          key={index}
          path={`${path}[${index}]`}
          number={index + 1}
          dayName={dayName}
          range={range}
          onChange={(changed) => rows.replace(index, changed)}
          onRemove={() => rows.remove(index)}
        />
      ))}
      <button ref={rows.addButton} type="button" className="button-quiet button-small" onClick={rows.add}>
        {t('settings.opening.addRange')}
        <span className="visually-hidden"> ({dayName})</span>
      </button>
    </div>
  )
}

type RowProps = {
  path: string
  number: number
  dayName: string
  range: RangeForm
  onChange: (range: RangeForm) => void
  onRemove: () => void
}

function RangeRow({ path, number, dayName, range, onChange, onRemove }: RowProps) {
  const { t } = useTranslation()
  const start = useField(`${path}.start`)
  const end = useField(`${path}.end`)
  const timeProps = { type: 'text', inputMode: 'numeric', autoComplete: 'off', placeholder: 'hh:mm' } as const
  return (
    <fieldset className="range" data-row>
      <legend className="visually-hidden">{t('settings.opening.range', { number, day: dayName })}</legend>
      <label htmlFor={start.id}>{t('settings.opening.from')}</label>
      <input
        {...timeProps}
        {...start}
        className="time-input"
        value={range.start}
        onChange={(event) => onChange({ ...range, start: event.target.value })}
      />
      <label htmlFor={end.id}>{t('settings.opening.to')}</label>
      <input
        {...timeProps}
        {...end}
        className="time-input"
        value={range.end}
        onChange={(event) => onChange({ ...range, end: event.target.value })}
      />
      <button type="button" className="button-quiet button-small" onClick={onRemove}>
        {t('settings.remove')}
        <span className="visually-hidden"> {t('settings.opening.range', { number, day: dayName })}</span>
      </button>
    </fieldset>
  )
}

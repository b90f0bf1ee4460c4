// A coordinator's new shift: its first day, hours, the weekdays it repeats on, until when, how
// many operators of each role and an optional language.
import type { ShiftBody } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
const ROLES = ['volunteer', 'supervisor', 'mediator'] as const

type Props = { firstDay: string; onCreate: (body: ShiftBody) => Promise<void> }

export function ShiftForm({ firstDay, onCreate }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const [startsOn, setStartsOn] = useState(firstDay)
  const [start, setStart] = useState('18:00')
  const [end, setEnd] = useState('21:00')
  const [weekdays, setWeekdays] = useState<string[]>([])
  const [until, setUntil] = useState('')
  const [language, setLanguage] = useState('')
  const [needs, setNeeds] = useState<Record<(typeof ROLES)[number], number>>({
    volunteer: 1,
    supervisor: 0,
    mediator: 0,
  })
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    await onCreate({
      startsOn,
      start,
      end,
      weekdays: weekdays as ShiftBody['weekdays'],
      needs,
      ...(until ? { until } : {}),
      ...(language ? { language } : {}),
    })
  }
  return (
    <form className="rota-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('rota.new')}</h2>
      <div className="rota-fields">
        <Field
          id={`${id}-on`}
          label={t('rota.startsOn')}
          type="date"
          required
          value={startsOn}
          onChange={setStartsOn}
        />
        <Field
          id={`${id}-start`}
          label={t('rota.start')}
          type="time"
          required
          value={start}
          onChange={setStart}
        />
        <Field id={`${id}-end`} label={t('rota.end')} type="time" required value={end} onChange={setEnd} />
        <Field id={`${id}-until`} label={t('rota.until')} type="date" value={until} onChange={setUntil} />
      </div>
      <fieldset className="rota-weekdays">
        <legend>{t('rota.repeat')}</legend>
        {WEEKDAYS.map((day) => (
          <label key={day}>
            <input
              type="checkbox"
              checked={weekdays.includes(day)}
              onChange={(e) =>
                setWeekdays(e.target.checked ? [...weekdays, day] : weekdays.filter((d) => d !== day))
              }
            />{' '}
            {t(`rota.weekdays.${day}`)}
          </label>
        ))}
      </fieldset>
      <div className="rota-fields">
        {ROLES.map((role) => (
          <div className="field" key={role}>
            <label htmlFor={`${id}-${role}`}>{t(`rota.roles.${role}`)}</label>
            <input
              id={`${id}-${role}`}
              type="number"
              min={0}
              max={50}
              value={needs[role]}
              onChange={(e) => setNeeds({ ...needs, [role]: Number(e.target.value) })}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('rota.languageField')}</label>
          <input id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value.trim())} />
        </div>
      </div>
      <button type="submit">{t('rota.create')}</button>
    </form>
  )
}

type FieldProps = {
  id: string
  label: string
  type: 'date' | 'time'
  required?: boolean
  value: string
  onChange: (value: string) => void
}

function Field({ id, label, type, required, value, onChange }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        required={required}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  )
}

// The operator's e-mail reminder before each of their shifts: none by default, or how long before.
import type { ShiftReminder as Reminder } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getShiftReminder, saveShiftReminder } from './rota-api.ts'

const CHOICES = [30, 60, 120, 1440] as const

export function ShiftReminder({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useTranslation()
  const [minutes, setMinutes] = useState<Reminder['minutes'] | undefined>(undefined)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    getShiftReminder().then((reminder) => setMinutes(reminder.minutes), onError)
  }, [onError])
  if (minutes === undefined) return null
  return (
    <section aria-labelledby="rota-reminder" className="rota-feed">
      <h2 id="rota-reminder">{t('rota.reminder')}</h2>
      <div className="field">
        <label htmlFor="rota-reminder-when">{t('rota.reminderWhen')}</label>
        <select
          id="rota-reminder-when"
          value={minutes ?? ''}
          onChange={(event) => {
            const chosen = event.target.value ? Number(event.target.value) : null
            setSaved(false)
            saveShiftReminder(chosen).then((reminder) => {
              setMinutes(reminder.minutes)
              setSaved(true)
            }, onError)
          }}
        >
          <option value="">{t('rota.reminderNone')}</option>
          {CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`rota.reminderBefore.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="hint">
        {saved ? t('rota.reminderSaved') : ''}
      </p>
    </section>
  )
}

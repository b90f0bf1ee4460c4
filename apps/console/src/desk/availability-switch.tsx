// Whether the operator can take conversations now: available, away (a break), offline. Where the
// helpline assigns automatically, only those available are given conversations.
import type { Availability } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getAvailability, putAvailability } from '../api/desk.ts'

const CHOICES: readonly Availability[] = ['available', 'away', 'offline']

export function AvailabilitySwitch({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [availability, setAvailability] = useState<Availability | null>(null)

  useEffect(() => {
    getAvailability().then((answer) => setAvailability(answer.availability), onError)
  }, [onError])

  return (
    <div className={`availability availability-${availability ?? 'unknown'}`}>
      <label htmlFor={id}>{t('availability.label')}</label>
      <select
        id={id}
        value={availability ?? ''}
        disabled={availability === null}
        onChange={(event) => {
          const chosen = event.target.value as Availability
          putAvailability(chosen).then((answer) => setAvailability(answer.availability), onError)
        }}
      >
        {availability === null && <option value="" />}
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`availability.${choice}`)}
          </option>
        ))}
      </select>
    </div>
  )
}

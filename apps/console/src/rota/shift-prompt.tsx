// At the desk, the operator's own shift: when it has started and they are not available, one
// click makes them so; in its last quarter of an hour, a reminder to hand over what is open.
// Asked again every minute, and the server's clock decides (the helpline's rules use it).
import type { Availability, MyShift } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getAvailability, putAvailability } from '../api/desk.ts'
import { request } from '../api/http.ts'

type Props = { onAvailable: () => void; onError: (error: unknown) => void }

export function ShiftPrompt({ onAvailable, onError }: Props) {
  const { t, i18n } = useTranslation()
  const [mine, setMine] = useState<MyShift['shift']>(null)
  const [availability, setAvailability] = useState<Availability | null>(null)
  useEffect(() => {
    const read = () =>
      Promise.all([request<MyShift>('GET', '/api/rota/my-shift'), getAvailability()]).then(
        ([shift, state]) => {
          setMine(shift.shift)
          setAvailability(state.availability)
        },
        onError,
      )
    read()
    const timer = setInterval(read, 60_000)
    return () => clearInterval(timer)
  }, [onError])
  if (!mine) return null
  const until = new Date(mine.endsAt).toLocaleTimeString(i18n.language, {
    timeZone: mine.timeZone,
    hour: '2-digit',
    minute: '2-digit',
  })
  if (mine.endingSoon) {
    return (
      <p className="rota-prompt" role="status">
        {t('rota.prompt.ending', { time: until })}
      </p>
    )
  }
  if (availability === 'available') return null
  return (
    <p className="rota-prompt" role="status">
      {t('rota.prompt.started', { time: until })}{' '}
      <button
        type="button"
        onClick={() =>
          putAvailability('available').then((answer) => {
            setAvailability(answer.availability)
            onAvailable()
          }, onError)
        }
      >
        {t('availability.available')}
      </button>
    </p>
  )
}

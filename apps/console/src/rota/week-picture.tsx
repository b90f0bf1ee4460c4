// The week as a picture: a column per day, the opening hours shaded, each shift a box placed by
// its hours, red where someone is missing. The gap list beside it says the same in words, so
// the picture is decoration for a screen reader (aria-hidden) and the list is what it reads.
import type { RotaOccurrence, RotaWeek } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { dayOf, hourOf } from './gap-names.ts'

const HOUR = 3600_000

function short(occurrence: RotaOccurrence) {
  const on = (role: string) => occurrence.assignments.filter((a) => a.role === role).length
  return (['volunteer', 'supervisor', 'mediator'] as const).some(
    (role) => on(role) < (occurrence.needs[role] ?? 0),
  )
}

export function WeekPicture({ week }: { week: RotaWeek }) {
  const { i18n } = useTranslation()
  const zone = week.timeZone
  const days = Array.from({ length: 7 }, (_, i) => {
    const start = new Date(`${week.week}T12:00:00Z`).getTime() + i * 24 * HOUR
    return new Date(start).toISOString().slice(0, 10)
  })
  const localHour = (iso: string) => {
    const [h, m] = new Date(iso)
      .toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .split(':')
    return Number(h) + Number(m) / 60
  }
  const localDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: zone })
  // the hours drawn: those of the opening and the shifts, whole hours, at least 8 to 22
  const spans = [
    ...week.opening.map((o) => [o.startsAt, o.endsAt]),
    ...week.occurrences.map((o) => [o.startsAt, o.endsAt]),
  ]
  const ends = spans.map(([s, e]) => {
    const from = localHour(s as string)
    const to = localHour(e as string)
    return [from, to <= from ? 24 : to]
  })
  const top = Math.min(8, ...ends.map(([from]) => Math.floor(from as number)))
  const bottom = Math.max(22, ...ends.map(([, to]) => Math.ceil(to as number)))
  const place = (startsAt: string, endsAt: string) => {
    const from = localHour(startsAt)
    let to = localHour(endsAt)
    if (localDay(endsAt) !== localDay(startsAt) || to <= from) to = 24
    return {
      top: `${((from - top) / (bottom - top)) * 100}%`,
      height: `${((to - from) / (bottom - top)) * 100}%`,
    }
  }
  const hours = Array.from({ length: bottom - top + 1 }, (_, i) => top + i).filter((h) => h % 2 === 0)
  return (
    <div className="rota-picture" aria-hidden="true">
      <div className="rota-hours">
        {hours.map((h) => (
          <span key={h} style={{ top: `${((h - top) / (bottom - top)) * 100}%` }}>
            {h}
          </span>
        ))}
      </div>
      {days.map((day) => (
        <div key={day} className="rota-day">
          <p className="rota-day-name">
            {dayOf(`${day}T12:00:00Z`, zone, i18n.language).slice(0, 3)} {Number(day.slice(8))}
          </p>
          <div className="rota-day-body">
            {week.opening
              .filter((o) => localDay(o.startsAt) === day)
              .map((o) => (
                <div key={o.startsAt} className="rota-open" style={place(o.startsAt, o.endsAt)} />
              ))}
            {week.occurrences
              .filter((o) => localDay(o.startsAt) === day)
              .map((o) => (
                <div
                  key={`${o.shiftId}-${o.date}`}
                  className={`rota-shift${short(o) ? ' rota-shift-short' : ''}`}
                  style={place(o.startsAt, o.endsAt)}
                >
                  <span>
                    {hourOf(o.startsAt, zone, i18n.language)}–{hourOf(o.endsAt, zone, i18n.language)}
                  </span>
                  <span>
                    {o.assignments.length}/{Object.values(o.needs).reduce((total, n) => total + (n ?? 0), 0)}
                  </span>
                </div>
              ))}
          </div>
        </div>
      ))}
    </div>
  )
}

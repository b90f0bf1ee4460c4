// The days a statistics query covers, in the helpline's own calendar: those asked for, or the last
// 30 days; a day that is none, or a period that ends before it starts, is refused.
import type { HelplineSettings } from '@ascolto/protocol'
import type { Services } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { addDays, localDateOf } from '../policy/local-days.ts'

export function resolvePeriod(
  services: Pick<Services, 'clock'>,
  settings: Pick<HelplineSettings, 'timeZone'>,
  query: { from?: string; to?: string },
) {
  const to = query.to ?? localDateOf(services.clock(), settings.timeZone)
  const from = query.from ?? addDays(to, -29)
  for (const [name, day] of Object.entries({ from, to })) {
    if (!isCalendarDay(day)) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `${name}: ${day} is not a day`)
  }
  if (from > to) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'from: must not be after to')
  return { from, to }
}

/** As many days just before the period. */
export function previousPeriod({ from, to }: { from: string; to: string }) {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
  const previousTo = addDays(from, -1)
  return { from: addDays(previousTo, -days), to: previousTo }
}

/** '2026-02-30' has the shape of a day but is none. */
const isCalendarDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}

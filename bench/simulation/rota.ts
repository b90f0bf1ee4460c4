// The rota a coordinator would make for the week: a shift over each open range of each open day
// (three eight-hour shifts a day for a line that never closes), with the profile's volunteers
// and supervisors (one unless the profile says more) on each, people taking turns; saved through
// the console's API.
import { openIntervalsOn, openingRulesOf } from '@ascolto/core'
import { call } from '../../apps/server/src/testing/test-server.ts'
import { dayAfter } from './arrivals.ts'
import type { Installation, Staff } from './installation.ts'
import type { Profile } from './profiles.ts'

const AROUND_THE_CLOCK = [
  ['00:00', '08:00'],
  ['08:00', '16:00'],
  ['16:00', '24:00'],
] as const

export type RotaShift = {
  date: string
  start: string
  end: string
  volunteers: Staff[]
  supervisors: Staff[]
}

const localTime = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  )

/** The open ranges of a day as local times ('24:00' for midnight at the end). */
export function rangesOn(installation: Installation, date: string): Array<readonly [string, string]> {
  const rules = openingRulesOf(installation.settings)
  if (rules.alwaysOpen) return [...AROUND_THE_CLOCK]
  const zone = installation.settings.timeZone ?? 'Europe/Rome'
  return openIntervalsOn(rules, date)
    .map((i) => [localTime(i.start, zone), localTime(i.end, zone)] as const)
    .map(([start, end]) => [start, end === '00:00' ? '24:00' : end] as const)
}

export async function makeRota(
  installation: Installation,
  profile: Profile,
  firstDate: string,
  days: number,
) {
  const shiftsPerDay = openingRulesOf(installation.settings).alwaysOpen ? 3 : 2
  const volunteers: Staff[] = []
  for (let i = 0; i < profile.volunteersPerShift * (shiftsPerDay + 1); i++)
    volunteers.push(await installation.member(`Volontario ${i + 1}`, 'volunteer'))
  const supervisors: Staff[] = []
  const supervisorsPerShift = profile.supervisorsPerShift ?? 1
  for (let i = 0; i < supervisorsPerShift * (shiftsPerDay + 1); i++)
    supervisors.push(await installation.member(`Supervisore ${i + 1}`, 'supervisor'))

  const shifts: RotaShift[] = []
  const as = { cookie: installation.coordinatorCookie }
  let turn = 0
  let supervisorTurn = 0
  for (let day = 0; day < days; day++) {
    const date = dayAfter(firstDate, day)
    for (const [start, end] of rangesOn(installation, date)) {
      const needs = { volunteer: profile.volunteersPerShift, supervisor: supervisorsPerShift }
      const created = await call(`${installation.url}/api/helplines/${installation.helplineId}/shifts`, {
        ...as,
        body: { startsOn: date, start, end, needs },
      })
      if (created.status !== 201) throw new Error(`shift refused: ${JSON.stringify(created.body)}`)
      const on: Staff[] = []
      for (let i = 0; i < profile.volunteersPerShift; i++)
        on.push(volunteers[(turn + i) % volunteers.length] as Staff)
      const leading: Staff[] = []
      for (let i = 0; i < supervisorsPerShift; i++)
        leading.push(supervisors[(supervisorTurn + i) % supervisors.length] as Staff)
      turn += profile.volunteersPerShift
      supervisorTurn += supervisorsPerShift
      for (const person of [...on, ...leading]) {
        const placed = await call(`${installation.url}/api/shifts/${created.body.id}/assignments`, {
          ...as,
          body: { date, role: person.role, userId: person.userId },
        })
        if (placed.status !== 201) throw new Error(`place refused: ${JSON.stringify(placed.body)}`)
      }
      shifts.push({ date, start, end, volunteers: on, supervisors: leading })
    }
  }
  return { shifts, volunteers, supervisors }
}

// The week's people, drawn before it starts: when each writes (by local hour and weekday, more
// on the day after the line was closed), through which door, in which language, at which risk,
// whether they are someone who wrote earlier in the week, and how long they wait before leaving.
import { instantInZone, openIntervalsOn, openingRulesOf } from '@ascolto/core'
import type { HelplineSettings } from '@ascolto/protocol'
import type { Door, Profile } from './profiles.ts'
import { between, logNormal, pick, poisson, type Random } from './random.ts'
import { drawRisk, firstMessage, type Risk } from './texts.ts'

/** After a closed day, people who waited write: this much more than usual. */
const AFTER_CLOSED = 1.4
/** Of the people writing, this share wrote earlier in the week. */
const REPEAT_SHARE = 0.15

export type Person = { id: number; door: Door; language: string; patienceMinutes: number }

export type Arrival = {
  at: Date
  person: Person
  risk: Risk
  text: string
  repeat: boolean
}

export const dayAfter = (date: string, days = 1) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Monday 0 … Sunday 6. */
export const weekdayOf = (date: string) => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7

export const isOpenDay = (settings: HelplineSettings, date: string) => {
  const rules = openingRulesOf(settings)
  return rules.alwaysOpen === true || openIntervalsOn(rules, date).length > 0
}

export function drawArrivals(
  rnd: Random,
  profile: Profile,
  settings: HelplineSettings,
  week: string,
  days: number,
): Arrival[] {
  const hourTotal = profile.hours.reduce((sum, w) => sum + w, 0)
  const people: Person[] = []
  const arrivals: Arrival[] = []
  for (let day = 0; day < days; day++) {
    const date = dayAfter(week, day)
    const afterClosed = !isOpenDay(settings, dayAfter(date, -1)) ? AFTER_CLOSED : 1
    const dayMean = profile.perDay * (profile.weekdays[weekdayOf(date)] ?? 1) * afterClosed
    for (let hour = 0; hour < 24; hour++) {
      const count = poisson(rnd, (dayMean * (profile.hours[hour] ?? 0)) / hourTotal)
      const minutes = Array.from({ length: count }, () => Math.floor(rnd() * 60)).sort((a, b) => a - b)
      for (const minute of minutes) {
        const local = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
        const at = instantInZone(local, settings.timeZone ?? 'Europe/Rome')
        if (!at) continue // a local time the clocks skip (the spring change)
        const repeat = people.length > 0 && rnd() < REPEAT_SHARE
        const person = repeat
          ? (people[Math.floor(rnd() * people.length)] as Person)
          : newPerson(rnd, profile, people.length)
        if (!repeat) people.push(person)
        const risk = drawRisk(rnd)
        const written = firstMessage(rnd, settings, person.language, risk)
        arrivals.push({ at, person, risk, text: written.text, repeat })
      }
    }
  }
  return arrivals.sort((a, b) => a.at.getTime() - b.at.getTime())
}

function newPerson(rnd: Random, profile: Profile, id: number): Person {
  return {
    id,
    door: pick(rnd, profile.doors),
    language: pick(rnd, profile.languages),
    patienceMinutes: Math.max(2, logNormal(rnd, profile.patienceMinutes, 0.8)),
  }
}

/** A reading-and-typing pause of a volunteer before a reply, in minutes. */
export const typingMinutes = (rnd: Random) => between(rnd, 1, 3)

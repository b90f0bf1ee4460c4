// Italian national public holidays from `date-holidays`, filtered to type 'public' (its IT
// data also has observances such as Mother's Day, which are not days off). The library is kept
// up to date with the law: it has 4 October (San Francesco d'Assisi), a national holiday again
// since 2026 (legge 151/2025), which a hand-written list would have missed.
import Holidays from 'date-holidays'
import type { OpeningRules } from './schedule.ts'

export type Locale = 'it' | 'en'

const PATRON_SAINT_DAY: Record<Locale, string> = { it: 'Festa del santo patrono', en: "Patron saint's day" }

const calendars = new Map<Locale, Holidays>()
const byYear = new Map<string, ReadonlyMap<string, string>>()

/** National public holidays of one year: date 'YYYY-MM-DD' → name, cached per year and locale. */
function nationalHolidays(year: number, locale: Locale): ReadonlyMap<string, string> {
  const key = `${locale}:${year}`
  let days = byYear.get(key)
  if (!days) {
    let calendar = calendars.get(locale)
    if (!calendar) {
      calendar = new Holidays('IT', { languages: [locale], timezone: 'Europe/Rome' })
      calendars.set(locale, calendar)
    }
    days = new Map(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => [h.date.slice(0, 10), h.name]),
    )
    byYear.set(key, days)
  }
  return days
}

function isPatronSaintDay(date: string, rules: Pick<OpeningRules, 'patronSaintDay'>): boolean {
  const p = rules.patronSaintDay
  return p !== undefined && Number(date.slice(5, 7)) === p.month && Number(date.slice(8, 10)) === p.day
}

/** The holiday's name on a local date 'YYYY-MM-DD', the patron saint's day included. */
export function holidayName(
  date: string,
  rules: Pick<OpeningRules, 'patronSaintDay'>,
  locale: Locale = 'it',
): string | undefined {
  const national = nationalHolidays(Number(date.slice(0, 4)), locale).get(date)
  if (national !== undefined) return national
  if (isPatronSaintDay(date, rules)) return rules.patronSaintDay?.name ?? PATRON_SAINT_DAY[locale]
  return undefined
}

export function isPublicHoliday(date: string, rules: Pick<OpeningRules, 'patronSaintDay'>): boolean {
  return holidayName(date, rules) !== undefined
}

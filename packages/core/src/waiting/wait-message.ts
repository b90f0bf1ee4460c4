// The one message about the wait on a messaging door (the widget shows it live instead): the
// helpline's text, in the conversation's language where the helpline wrote it, its {place} and
// {wait} said in that language (Italian or English; else the helpline's main one).
import type { HelplineSettings, WidgetWait } from '@ascolto/protocol'
import { DateTime } from 'luxon'
import { localeOf } from '../helplines/auto-reply-text.ts'

const words = {
  it: {
    place: (n: number) => `${n}ª`,
    minutes: (m: number) => (m === 1 ? 'circa 1 minuto' : `circa ${m} minuti`),
    by: (time: string, day: string | null) => (day ? `entro ${day} alle ${time}` : `entro le ${time}`),
  },
  en: {
    place: (n: number) => {
      const last = n % 10
      const teen = n % 100 >= 11 && n % 100 <= 13
      return `${n}${teen ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`
    },
    minutes: (m: number) => (m === 1 ? 'about 1 minute' : `about ${m} minutes`),
    by: (time: string, day: string | null) => (day ? `by ${time} on ${day}` : `by ${time}`),
  },
}

/** The text to send, or null: the helpline wrote none, or there is nothing honest to say. */
export function waitMessageText(
  settings: HelplineSettings,
  wait: WidgetWait,
  at: Date,
  language: string | null,
): string | null {
  const texts = settings.wait?.message
  if (!texts) return null
  const own = language ? texts[language] : undefined
  const template = own ?? texts[settings.languages[0] ?? ''] ?? Object.values(texts)[0]
  if (!template) return null
  const locale = own && (language === 'it' || language === 'en') ? language : localeOf(settings)
  const said = words[locale]
  let phrase: string
  if (wait.minutes !== null) phrase = said.minutes(wait.minutes)
  else if (wait.answerBy) {
    const by = DateTime.fromISO(wait.answerBy, { zone: settings.timeZone }).setLocale(locale)
    const today = DateTime.fromJSDate(at, { zone: settings.timeZone }).hasSame(by, 'day')
    phrase = said.by(by.toFormat('HH:mm'), today ? null : by.toFormat('d/M'))
  } else return null
  const values: Record<string, string> = { place: said.place(wait.place), wait: phrase }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
}

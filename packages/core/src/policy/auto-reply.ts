// Which automatic replies a message gets, and the phrase that tells when the helpline reopens.
import { DateTime } from 'luxon'
import type { Locale } from './holidays.ts'
import { addDays, localDateOf } from './local-days.ts'
import { isOpen, localDayOf, nextOpening, openingDay } from './opening.ts'
import { type OpeningRules, timeZoneOf } from './schedule.ts'

export type AutoReplyKind = 'welcome' | 'out_of_hours' | 'holiday' | 'closure' | 'urgent'

export type AutoReplyInput = {
  rules: OpeningRules
  instant: Date
  /** The contact's first message ever to this helpline. */
  isFirstMessageEver: boolean
  /** Replies already sent since the conversation (re)opened: each goes at most once. */
  alreadySentThisOpening: ReadonlySet<AutoReplyKind>
  contactBlocked: boolean
  /**
   * Someone of the line is with the person: the conversation is taken or assigned, or the line
   * wrote to them within the helpline's "still alive" time. Closing time then says nothing: a
   * conversation running past it goes on.
   */
  attended: boolean
  /** This message reads as an imminent risk (triage): closed, the person is told where help is now. */
  imminentRisk: boolean
}

/**
 * The replies to send, in order: 'welcome' on the first message ever; when closed and nobody of
 * the line is with the person, 'holiday' if a public holiday shuts the whole day, 'closure' if a
 * closure period or a closed-day exception does, else 'out_of_hours'; then, when the message reads
 * as an imminent risk, 'urgent' (where to find help now: nobody of the line will read it before
 * the opening). A blocked contact gets silence.
 */
export function decideAutoReplies(input: AutoReplyInput): AutoReplyKind[] {
  const { rules, instant, alreadySentThisOpening: sent } = input
  if (input.contactBlocked) return []
  const replies: AutoReplyKind[] = []
  if (input.isFirstMessageEver) replies.push('welcome')
  if (!input.attended && !isOpen(rules, instant)) {
    const { closedBy } = openingDay(rules, localDayOf(rules, instant))
    replies.push(closedBy === 'holiday' ? 'holiday' : closedBy ? 'closure' : 'out_of_hours')
    if (input.imminentRisk) replies.push('urgent')
  }
  return replies.filter((kind) => !sent.has(kind))
}

type Words = { now: string; today: string; tomorrow: string; from: (time: string) => string }

const WORDS = {
  it: {
    now: 'ora',
    today: 'oggi',
    tomorrow: 'domani',
    // 'dalle 9:00', but 'dall'1:00' (l'una)
    from: (t: string) => (t.startsWith('1:') ? `dall'${t}` : `dalle ${t}`),
  },
  en: { now: 'now', today: 'today', tomorrow: 'tomorrow', from: (t: string) => `from ${t}` },
  fr: {
    now: 'maintenant',
    today: "aujourd'hui",
    tomorrow: 'demain',
    from: (t: string) => `à partir de ${t}`,
  },
  es: { now: 'ahora', today: 'hoy', tomorrow: 'mañana', from: (t: string) => `desde las ${t}` },
  pt: { now: 'agora', today: 'hoje', tomorrow: 'amanhã', from: (t: string) => `a partir das ${t}` },
  ro: { now: 'acum', today: 'astăzi', tomorrow: 'mâine', from: (t: string) => `de la ${t}` },
} satisfies Record<string, Words>

/**
 * When the helpline next opens, as words for a reply: "oggi dalle 18:00", "domani dalle 18:00",
 * "lunedì dalle 9:00" within the week, "lunedì 7 settembre dalle 9:00" beyond it; "ora" when
 * open; null when it does not open within a year. In Italian, English, French, Spanish,
 * Portuguese or Romanian; in English for any other language.
 */
export function describeNextOpening(
  rules: OpeningRules,
  instant: Date,
  language: Locale | string,
): string | null {
  const next = nextOpening(rules, instant)
  if (!next) return null
  const locale = language in WORDS ? language : 'en'
  const words: Words = WORDS[locale as keyof typeof WORDS]
  if (next.getTime() === instant.getTime()) return words.now
  const zone = timeZoneOf(rules)
  const today = localDateOf(instant, zone)
  const local = DateTime.fromJSDate(next).setZone(zone).setLocale(locale)
  const date = local.toISODate() as string
  const day =
    date === today
      ? words.today
      : date === addDays(today, 1)
        ? words.tomorrow
        : date <= addDays(today, 6)
          ? local.toFormat('cccc')
          : local.toFormat('cccc d LLLL')
  return `${day} ${words.from(local.toFormat('H:mm'))}`
}

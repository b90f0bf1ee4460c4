// What a helpline's rules do at a given moment, for a coordinator checking a settings file before
// people meet it: open or closed and why, when it opens next, the automatic replies a person
// would get, and the due time of their message. Pure: the CLI shows it, the console can too.
import type { HelplineSettings, RulesPreview } from '@ascolto/protocol'
import { DateTime } from 'luxon'
import {
  type ClosedBy,
  currentRangeEnd,
  decideAutoReplies,
  describeNextOpening,
  dueTime,
  HORIZON_DAYS,
  holidayName,
  isOpen,
  nextOpening,
  openingDay,
} from '../policy/index.ts'
import { autoReplyText, localeOf } from './auto-reply-text.ts'
import { openingRulesOf } from './helpline-settings.ts'

// the shape lives in the protocol: the console shows it as the CLI does
export type { RulesPreview } from '@ascolto/protocol'

type AutoReplyPreview = RulesPreview['replies'][number]

function local(instant: Date, timeZone: string) {
  return DateTime.fromJSDate(instant).setZone(timeZone).toISO({ suppressMilliseconds: true }) as string
}

function closedReason(settings: HelplineSettings, date: string, closedBy: ClosedBy): string | null {
  const { opening } = settings
  switch (closedBy) {
    case 'holiday':
      return holidayName(date, opening, localeOf(settings)) ?? null
    case 'closure':
      return opening.closures.find((c) => c.from <= date && date <= c.to)?.reason ?? null
    case 'exception':
      return opening.exceptions.find((e) => e.date === date)?.reason ?? null
  }
}

/**
 * The rules at `instant`, for a person who writes then: on their first message ever, or not.
 * No reply has been sent yet in this opening, and the person is not blocked.
 */
export function previewRules(
  settings: HelplineSettings,
  instant: Date,
  options: { firstMessageEver: boolean },
): RulesPreview {
  const rules = openingRulesOf(settings)
  const zone = settings.timeZone
  const open = isOpen(rules, instant)
  const date = DateTime.fromJSDate(instant).setZone(zone).toISODate() as string
  const day = openingDay(rules, date)
  const end = open ? currentRangeEnd(rules, instant) : null
  const yearAhead = instant.getTime() + HORIZON_DAYS * 24 * 3600 * 1000
  const next = nextOpening(rules, instant)
  const kinds = decideAutoReplies({
    rules,
    instant,
    isFirstMessageEver: options.firstMessageEver,
    alreadySentThisOpening: new Set(),
    contactBlocked: false,
    // the preview shows a person writing in with nobody of the line with them, about nothing urgent
    attended: false,
    imminentRisk: false,
  })
  const replies: AutoReplyPreview[] = []
  for (const kind of kinds) {
    const text = autoReplyText(settings, kind, instant)
    if (text !== null) replies.push({ kind, language: settings.languages[0] ?? 'it', text })
  }
  return {
    at: local(instant, zone),
    timeZone: zone,
    open,
    openUntil: end && end.getTime() <= yearAhead ? local(end, zone) : null,
    closedBy: open ? null : (day.closedBy ?? 'hours'),
    closedReason: open || !day.closedBy ? null : closedReason(settings, date, day.closedBy),
    nextOpening: next
      ? { at: local(next, zone), phrase: describeNextOpening(rules, instant, localeOf(settings)) ?? '' }
      : null,
    replies,
    dueAt: local(dueTime(rules, instant), zone),
  }
}

/**
 * An instant from ISO text: with an offset or 'Z' as given, without one ('2026-12-24T20:30') as
 * local time in the helpline's zone. null when the text is not a date and time.
 */
export function instantInZone(text: string, timeZone: string): Date | null {
  const parsed = DateTime.fromISO(text, { zone: timeZone })
  return parsed.isValid ? parsed.toJSDate() : null
}

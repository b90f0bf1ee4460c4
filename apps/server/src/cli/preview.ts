// `ascolto preview`: what the helpline's rules do at a moment, to check a settings file before
// people meet it: open or closed and why, the next opening, the replies, the due time.
import { ConfigError } from '@ascolto/config'
import { instantInZone, loadHelplineSettings, previewRules, type RulesPreview } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import { helplineIdOf } from './settings.ts'

export type HelplinePreview = Omit<RulesPreview, 'replies'> & {
  helpline: string
  name: string
  replies: { firstMessageEver: RulesPreview['replies']; returning: RulesPreview['replies'] }
}

/** `at`: ISO date and time; without an offset, local time in the helpline's zone. Default: now. */
export async function previewHelpline(db: Queryable, slug: string, at?: string): Promise<HelplinePreview> {
  const settings = await loadHelplineSettings(db, await helplineIdOf(db, slug))
  const instant = at === undefined ? new Date() : instantInZone(at, settings.timeZone)
  if (!instant) throw new ConfigError([`--at is not a date and time such as 2026-12-24T20:30: ${at}`])
  const first = previewRules(settings, instant, { firstMessageEver: true })
  const returning = previewRules(settings, instant, { firstMessageEver: false })
  return {
    helpline: slug,
    name: settings.name,
    ...returning,
    replies: { firstMessageEver: first.replies, returning: returning.replies },
  }
}

const CLOSED_BY = {
  hours: 'outside the weekly hours',
  holiday: 'public holiday',
  closure: 'closure period',
  exception: 'date exception',
} as const

export function formatPreview(p: HelplinePreview): string {
  const status = p.open
    ? `open ${p.openUntil ? `until ${p.openUntil}` : 'with no closing within a year'}`
    : `closed: ${CLOSED_BY[p.closedBy ?? 'hours']}${p.closedReason ? ` (${p.closedReason})` : ''}`
  const replies = (list: HelplinePreview['replies']['returning']) =>
    list.length === 0 ? ['    none'] : list.map((r) => `    ${r.kind} [${r.language}]: ${r.text}`)
  return [
    `${p.name} (${p.helpline}) at ${p.at}, ${p.timeZone}`,
    `  ${status}`,
    `  next opening: ${p.nextOpening ? `${p.nextOpening.at} ("${p.nextOpening.phrase}")` : 'none within a year'}`,
    `  a message sent now is due by ${p.dueAt}`,
    '  automatic replies to a first message ever:',
    ...replies(p.replies.firstMessageEver),
    '  automatic replies to a person who wrote before:',
    ...replies(p.replies.returning),
  ].join('\n')
}

// The words of an automatic reply, the same for the message a person gets and for the preview
// a coordinator checks.
import type { HelplineSettings } from '@ascolto/protocol'
import { type AutoReplyKind, describeNextOpening, type Locale } from '../policy/index.ts'
import { openingRulesOf } from './helpline-settings.ts'

type ReplyText = 'welcome' | 'outOfHours' | 'holiday' | 'closure' | 'urgent'

/** Each kind's text, then the one that stands in where the helpline has not written it. */
const textsOf: Record<AutoReplyKind, ReplyText[]> = {
  welcome: ['welcome'],
  out_of_hours: ['outOfHours'],
  holiday: ['holiday'],
  // a summer break is not a public holiday: without its own words, the plain "closed now" reply
  closure: ['closure', 'outOfHours'],
  urgent: ['urgent'],
}

/** The words of dates and times in replies: Italian unless the main language is English. */
export function localeOf(settings: HelplineSettings): Locale {
  return settings.languages[0] === 'en' ? 'en' : 'it'
}

/**
 * The text of an automatic reply at an instant, in the conversation's language where the helpline
 * wrote it in that language, else in its main language (or the first language it has),
 * placeholders filled; null when the helpline has not written that reply.
 */
export function autoReplyText(
  settings: HelplineSettings,
  kind: AutoReplyKind,
  instant: Date,
  language: string | null = null,
): string | null {
  const texts = textsOf[kind].map((name) => settings.autoReplies[name]).find((text) => text !== undefined)
  const own = language ? texts?.[language] : undefined
  const template = own ?? texts?.[settings.languages[0] ?? ''] ?? Object.values(texts ?? {})[0]
  if (!template) return null
  const values: Record<string, string> = {
    policyUrl: settings.policy?.url ?? '',
    nextOpening:
      describeNextOpening(
        openingRulesOf(settings),
        instant,
        own && language ? language : localeOf(settings),
      ) ?? '',
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
}

// What the widget learns about its helpline before the person writes: open or closed and when it
// opens next, the questions before the chat, the policy to accept, whether to keep the session,
// the survey after it; and which sites may carry it.
import type { Queryable } from '@ascolto/db'
import type { HelplineSettings, WidgetInfo } from '@ascolto/protocol'
import { type ChannelRecord, findChannel } from '../channels/find-channel.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { previewRules } from '../helplines/preview-rules.ts'
import { surveyFor } from '../survey/survey-rules.ts'

export type WidgetChannel = { channel: ChannelRecord; settings: HelplineSettings }

export async function loadWidgetChannel(db: Queryable, channelId: string): Promise<WidgetChannel> {
  const channel = await findChannel(db, channelId, 'webchat')
  return { channel, settings: await loadHelplineSettings(db, channel.helplineId) }
}

/** The policy the person must accept before the first message, when the helpline asks for it. */
export function requiredPolicy(settings: HelplineSettings) {
  return settings.widget?.requirePolicy && settings.policy ? settings.policy : null
}

export function describeWidget({ channel, settings }: WidgetChannel, now: Date): WidgetInfo {
  const rules = previewRules(settings, now, { firstMessageEver: false })
  return {
    helplineName: channel.helplineName,
    locale: channel.locale,
    languages: settings.languages,
    open: rules.open,
    nextOpening: rules.open ? null : rules.nextOpening?.phrase || null,
    nextOpeningAt: rules.open || !rules.nextOpening?.phrase ? null : rules.nextOpening.at,
    keepSession: settings.widget?.keepSession ?? true,
    policy: requiredPolicy(settings),
    questions: (settings.widget?.questions ?? []).map((question) => ({
      id: question.id,
      label: question.label,
      options: question.options,
      required: question.required ?? false,
    })),
    survey:
      surveyFor(settings, 'webchat')?.questions.map(({ id, kind, text }) => ({ id, kind, text })) ?? null,
  }
}

/**
 * Whether a page of this origin may talk to the widget API. No Origin header: not a cross-site
 * browser request. The server's own pages (demo, full-page chat) are always allowed.
 */
export function widgetOriginAllowed(
  settings: HelplineSettings,
  origin: string | undefined,
  ownOrigins: readonly string[],
): boolean {
  const allowed = settings.widget?.allowedOrigins
  if (!allowed || origin === undefined || ownOrigins.includes(origin)) return true
  return allowed.includes(origin)
}

// A helpline's settings (read by its members, replaced whole by its coordinators), the preview of
// what its saved rules do at a moment, and what a conversation's desk does with them: send a
// canned redirect, put or lift a legal hold on the person.
import type {
  HelplineChannelList,
  HelplineSettings,
  LegalHoldBody,
  MessageView,
  RulesPreview,
} from '@ascolto/protocol'
import { request } from './http.ts'

const helplinePath = (id: string) => `/api/helplines/${encodeURIComponent(id)}`
const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

// the desk asks for a helpline's redirects each time a conversation opens: once is enough,
// until a coordinator saves new settings from this console
const cache = new Map<string, Promise<HelplineSettings>>()

export const loadSettings = (helplineId: string) =>
  request<HelplineSettings>('GET', `${helplinePath(helplineId)}/settings`)

/** Rejects with an ApiError whose `problems` name every field the server refused. */
export async function saveSettings(helplineId: string, settings: object): Promise<HelplineSettings> {
  const saved = await request<HelplineSettings>('PUT', `${helplinePath(helplineId)}/settings`, settings)
  cache.set(helplineId, Promise.resolve(saved))
  return saved
}

/** The channels the on-call alert can go through (for coordinators). */
export const loadChannels = (helplineId: string) =>
  request<HelplineChannelList>('GET', `${helplinePath(helplineId)}/channels`)

export type Redirect = HelplineSettings['redirects'][number]

/** The helpline's redirects, with the language their text is sent in (the helpline's first). */
export async function loadRedirects(
  helplineId: string,
): Promise<{ redirects: Redirect[]; language: string }> {
  let settings = cache.get(helplineId)
  if (!settings) {
    settings = loadSettings(helplineId)
    cache.set(helplineId, settings)
    // a failure is not remembered: the next conversation asks again
    settings.catch(() => cache.delete(helplineId))
  }
  const { redirects, languages } = await settings
  return { redirects, language: languages[0] ?? 'it' }
}

export type PreviewRequest = { at: string; firstMessageEver: boolean }

export const previewRules = (helplineId: string, { at, firstMessageEver }: PreviewRequest) =>
  request<RulesPreview>(
    'GET',
    `${helplinePath(helplineId)}/preview?${new URLSearchParams({ at, firstMessageEver: String(firstMessageEver) })}`,
  )

/** What-if: the preview of the settings form as it stands, not saved (coordinators only). */
export const previewDraftRules = (
  helplineId: string,
  settings: object,
  { at, firstMessageEver }: PreviewRequest,
) => request<RulesPreview>('POST', `${helplinePath(helplineId)}/preview`, { settings, at, firstMessageEver })

export const sendRedirect = (conversationId: string, redirectId: string) =>
  request<MessageView>(
    'POST',
    `${conversationPath(conversationId)}/redirects/${encodeURIComponent(redirectId)}`,
  )

export const setLegalHold = (conversationId: string, body: LegalHoldBody) =>
  request<{ legalHoldAt: string | null }>('POST', `${conversationPath(conversationId)}/legal-hold`, body)

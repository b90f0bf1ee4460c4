// Moderation from the desk: hide a person's message (not answered, with its category), block the
// person of a conversation, lift a block (supervisors and coordinators only).
import type { BlockBody, ConversationView, HideReason, MessageView } from '@ascolto/protocol'
import { request } from './http.ts'

/** The categories an operator can choose; 'blocked' is the server's own, for a blocked person's messages. */
export type ChosenHideReason = Exclude<HideReason, 'blocked'>

export const HIDE_REASONS: readonly ChosenHideReason[] = [
  'offensive',
  'threatening',
  'vulgar',
  'discriminatory',
  'spam',
  'political',
  'unlawful',
  'personal_data',
]

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

export const hideMessage = (messageId: string, reason: ChosenHideReason) =>
  request<MessageView>('POST', `/api/messages/${encodeURIComponent(messageId)}/hide`, { reason })

export const blockContact = (conversationId: string, body: BlockBody) =>
  request<ConversationView>('POST', `${conversationPath(conversationId)}/block`, body)

export const unblockContact = (conversationId: string) =>
  request<void>('POST', `${conversationPath(conversationId)}/unblock`)

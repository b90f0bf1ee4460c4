import type {
  AttachmentBody,
  ConversationDetail,
  ConversationList,
  ConversationView,
  MessageView,
  QueueQuery,
  ReplyBody,
} from '@ascolto/protocol'
import { request } from './http.ts'
import { followHeaders } from './realtime.ts'

export type QueueName = NonNullable<QueueQuery['status']>

export async function listConversations(status: QueueName): Promise<ConversationView[]> {
  const list = await request<ConversationList>('GET', `/api/conversations?status=${status}`)
  return list.conversations
}

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

/** Read (and audited); the console's socket follows it from then on. */
export const getConversation = (id: string) =>
  request<ConversationDetail>('GET', path(id), undefined, followHeaders())

export const takeConversation = (id: string) => request<ConversationView>('POST', `${path(id)}/take`)

export const closeConversation = (id: string) => request<ConversationView>('POST', `${path(id)}/close`)

export const sendReply = (id: string, body: ReplyBody) =>
  request<MessageView>('POST', `${path(id)}/messages`, body)

export const sendAttachment = (id: string, body: AttachmentBody) =>
  request<MessageView>('POST', `${path(id)}/attachments`, body)

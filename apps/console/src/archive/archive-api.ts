import type { ClosedConversationList, ClosedConversationsQuery } from '@ascolto/protocol'
import { request } from '../api/http.ts'

/** The closed conversations the filters name (every read audited by the server). */
export const listClosedConversations = (query: ClosedConversationsQuery) => {
  const search = new URLSearchParams(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  )
  return request<ClosedConversationList>('GET', `/api/closed-conversations?${search}`)
}

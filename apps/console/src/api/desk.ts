// The desk's calls beyond the conversation itself: what a helpline's desk offers (categories,
// closing form, playbook, canned replies, colleagues), notes, transfers, a call for the supervisor,
// safeguarding flags, and the coordinator's canned replies.
import type {
  Availability,
  AvailabilityBody,
  CannedReply,
  CannedReplyBody,
  CloseBody,
  ContactHistory,
  ConversationView,
  CrossTable,
  CrossTableQuery,
  DeskSetup,
  FlagAlertList,
  FlagList,
  FlagView,
  MessageView,
  RaiseFlagBody,
  ReviewList,
  ReviewView,
  RiskCorrectionBody,
  RiskLevel,
  RoomView,
  Statistics,
  TransferBody,
} from '@ascolto/protocol'
import { request } from './http.ts'

const conversation = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

export const getDeskSetup = (helplineId: string) =>
  request<DeskSetup>('GET', `/api/helplines/${encodeURIComponent(helplineId)}/desk`)

export const closeWithForm = (id: string, body: CloseBody) =>
  request<ConversationView>('POST', `${conversation(id)}/close`, body)

export const addNote = (id: string, text: string) =>
  request<MessageView>('POST', `${conversation(id)}/notes`, { text })

export const transferConversation = (id: string, body: TransferBody) =>
  request<{ conversation: ConversationView; note: MessageView }>('POST', `${conversation(id)}/transfer`, body)

export const requestSupervisor = (id: string) => request<ConversationView>('POST', `${conversation(id)}/help`)

export const markRead = (id: string) => request<ConversationView>('POST', `${conversation(id)}/read`)

export const listFlags = (id: string) => request<FlagList>('GET', `${conversation(id)}/flags`)

export const raiseFlag = (id: string, body: RaiseFlagBody) =>
  request<FlagView>('POST', `${conversation(id)}/flags`, body)

export const listOpenFlags = () => request<FlagAlertList>('GET', '/api/flags')

export const acknowledgeFlag = (flagId: string) =>
  request<FlagView>('POST', `/api/flags/${encodeURIComponent(flagId)}/acknowledge`)

export const tickStep = (flagId: string, stepId: string, contacted: string) =>
  request<FlagView>('POST', `/api/flags/${encodeURIComponent(flagId)}/steps/${encodeURIComponent(stepId)}`, {
    contacted,
  })

export const createCannedReply = (helplineId: string, body: CannedReplyBody) =>
  request<CannedReply>('POST', `/api/helplines/${encodeURIComponent(helplineId)}/canned-replies`, body)

export const updateCannedReply = (id: string, body: CannedReplyBody) =>
  request<CannedReply>('PUT', `/api/canned-replies/${encodeURIComponent(id)}`, body)

export const deleteCannedReply = (id: string) =>
  request<void>('DELETE', `/api/canned-replies/${encodeURIComponent(id)}`)

export const getHistory = (id: string) => request<ContactHistory>('GET', `${conversation(id)}/history`)

export const getRoom = (helplineId: string) =>
  request<RoomView>('GET', `/api/helplines/${encodeURIComponent(helplineId)}/room`)

export const getAvailability = () => request<AvailabilityBody>('GET', '/api/availability')

export const putAvailability = (availability: Availability) =>
  request<AvailabilityBody>('PUT', '/api/availability', { availability })

export const listReviews = () => request<ReviewList>('GET', '/api/reviews')

export const getReview = (id: string) =>
  request<{ review: ReviewView | null }>('GET', `${conversation(id)}/review`)

export const requestReview = (id: string, note: string) =>
  request<ReviewView>('POST', `${conversation(id)}/review`, { note })

export const signOffReview = (id: string, feedback: string) =>
  request<ReviewView>('POST', `${conversation(id)}/review/sign-off`, { feedback })

export const getStatistics = (helplineId: string, period: { from?: string; to?: string }) => {
  const query = new URLSearchParams(Object.entries(period).filter(([, day]) => day) as [string, string][])
  const search = query.size > 0 ? `?${query}` : ''
  return request<Statistics>('GET', `/api/helplines/${encodeURIComponent(helplineId)}/statistics${search}`)
}

/** A cross-table's query as the API reads it: the two dimensions, the days, the filters. */
export const crossTableQuery = (query: CrossTableQuery) =>
  new URLSearchParams(Object.entries(query).filter(([, value]) => value) as [string, string][])

export const getCrossTable = (helplineId: string, query: CrossTableQuery) =>
  request<CrossTable>(
    'GET',
    `/api/helplines/${encodeURIComponent(helplineId)}/statistics/cross?${crossTableQuery(query)}`,
  )

/** Where the browser downloads the cross-table as a file (the server audits each download). */
export const crossTableFileHref = (helplineId: string, query: CrossTableQuery, format: 'csv' | 'xlsx') =>
  `/api/helplines/${encodeURIComponent(helplineId)}/statistics/cross.${format}?${crossTableQuery(query)}`

/** A person's correction of the conversation's risk level (recorded and counted). */
export const correctRiskLevel = (id: string, level: RiskLevel) =>
  request<ConversationView>('POST', `${conversation(id)}/risk-level`, { level } satisfies RiskCorrectionBody)

// The person behind a conversation: their address revealed with a reason (or, where the helpline
// asks for two people, a request a supervisor decides), and a coordinator's export and erasure.
import type {
  ContactExport,
  ErasureDone,
  OwnRevealRequestList,
  RevealedAddress,
  RevealRequestList,
  RevealRequestView,
} from '@ascolto/protocol'
import { request } from './http.ts'

const contact = (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}/contact`

export const revealAddress = (conversationId: string, reason: string) =>
  request<RevealedAddress>('POST', `${contact(conversationId)}/reveal`, { reason })

export const requestReveal = (conversationId: string, reason: string) =>
  request<RevealRequestView>('POST', `${contact(conversationId)}/reveal-requests`, { reason })

/** The operator's own requests for this conversation, newest first, with where each stands. */
export const listOwnRevealRequests = (conversationId: string) =>
  request<OwnRevealRequestList>('GET', `${contact(conversationId)}/reveal-requests`)

export const listRevealRequests = (helplineId: string) =>
  request<RevealRequestList>('GET', `/api/helplines/${encodeURIComponent(helplineId)}/reveal-requests`)

export const decideRevealRequest = (requestId: string, decision: 'approve' | 'refuse') =>
  request<void>('POST', `/api/reveal-requests/${encodeURIComponent(requestId)}/${decision}`)

export const exportContact = (conversationId: string) =>
  request<ContactExport>('GET', `${contact(conversationId)}/export`)

export const eraseContact = (conversationId: string, reason: string) =>
  request<ErasureDone>('POST', `${contact(conversationId)}/erase`, { reason })

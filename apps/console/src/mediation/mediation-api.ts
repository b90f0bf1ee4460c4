// The mediators' calls: the staff ask for one and remove them; the mediator reads their desk,
// joins, reads and writes in the conversations they are in.
import type {
  ConversationMediation,
  MediatedConversation,
  MediatedMessage,
  MediationView,
  MediatorDesk,
  MediatorTitle,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

const of = (conversationId: string) => `/api/conversations/${conversationId}/mediation`

export const loadMediation = (conversationId: string) =>
  request<ConversationMediation>('GET', of(conversationId))
export const askForMediator = (conversationId: string, language: string) =>
  request<MediationView>('POST', of(conversationId), { language })
export const removeMediator = (conversationId: string) => request<void>('DELETE', of(conversationId))

export const loadMediatorDesk = () => request<MediatorDesk>('GET', '/api/mediation')
export const saveTitle = (title: MediatorTitle) => request<void>('PUT', '/api/mediation/title', { title })
export const joinRequest = (requestId: string) =>
  request<{ conversationId: string }>('POST', `/api/mediation/requests/${requestId}/join`, {})
export const readConversation = (conversationId: string) =>
  request<MediatedConversation>('GET', `/api/mediation/conversations/${conversationId}`)
export const writeMessage = (conversationId: string, text: string, toOperator: boolean) =>
  request<MediatedMessage>('POST', `/api/mediation/conversations/${conversationId}/messages`, {
    text,
    private: toOperator,
  })

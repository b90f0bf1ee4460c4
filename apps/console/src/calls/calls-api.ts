// The phone's calls from the console: the operator's own phone, who is on a call now, the
// helpline's mediators and a mediator on the line.
import type { CallMediator, CallMediatorInput, CallMediators, LiveCalls, OwnPhone } from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const readOwnPhone = () => request<OwnPhone>('GET', '/api/account/phone')

export const saveOwnPhone = (phone: string | null) =>
  request<OwnPhone>('PUT', '/api/account/phone', { phone })

export const listLiveCalls = (helplineId: string) =>
  request<LiveCalls>('GET', `/api/calls/live?helplineId=${encodeURIComponent(helplineId)}`)

/** The helpline's mediators: labels and languages; the numbers for coordinators only. */
export const listCallMediators = (helplineId: string) =>
  request<CallMediators>('GET', `/api/call-mediators?helplineId=${encodeURIComponent(helplineId)}`)

export const saveCallMediator = (helplineId: string, id: string | null, input: CallMediatorInput) =>
  request<CallMediator>(
    id ? 'PUT' : 'POST',
    `/api/call-mediators${id ? `/${id}` : ''}?helplineId=${encodeURIComponent(helplineId)}`,
    input,
  )

export const removeCallMediator = (helplineId: string, id: string) =>
  request<{ ok: true }>('DELETE', `/api/call-mediators/${id}?helplineId=${encodeURIComponent(helplineId)}`)

/** Calls a mediator into the live call of this message, or lets one go. */
export const addMediatorToCall = (messageId: string, mediatorId: string) =>
  request<{ participantId: string }>('POST', `/api/calls/${messageId}/mediators`, { mediatorId })

export const dismissMediatorFromCall = (messageId: string, participantId: string) =>
  request<{ ok: true }>('DELETE', `/api/calls/${messageId}/mediators/${participantId}`)

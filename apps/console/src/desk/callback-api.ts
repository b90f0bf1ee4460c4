// The call-backs' calls: what waits, a try recorded, and the number, revealed for a call.
import type { CallbackList, CallbackOutcome, CallbackView, RevealedAddress } from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const listCallbacks = () => request<CallbackList>('GET', '/api/callbacks')

export const markCallback = (id: string, outcome: CallbackOutcome) =>
  request<CallbackView>('POST', `/api/callbacks/${encodeURIComponent(id)}/outcome`, { outcome })

/** The caller's number: audited, with the call-back as its reason. */
export const revealCallbackNumber = async (conversationId: string, reason: string) => {
  const revealed = await request<RevealedAddress>(
    'POST',
    `/api/conversations/${encodeURIComponent(conversationId)}/contact/reveal`,
    { reason },
  )
  return (
    revealed.addresses.find((a) => a.channelKind === 'twilio')?.address ??
    revealed.addresses[0]?.address ??
    null
  )
}

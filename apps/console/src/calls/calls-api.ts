// The phone's calls from the console: the operator's own phone, and who is on a call now.
import type { LiveCalls, OwnPhone } from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const readOwnPhone = () => request<OwnPhone>('GET', '/api/account/phone')

export const saveOwnPhone = (phone: string | null) =>
  request<OwnPhone>('PUT', '/api/account/phone', { phone })

export const listLiveCalls = (helplineId: string) =>
  request<LiveCalls>('GET', `/api/calls/live?helplineId=${encodeURIComponent(helplineId)}`)

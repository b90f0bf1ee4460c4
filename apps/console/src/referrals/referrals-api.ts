// The referrals' calls to the server.
import type {
  CreateReferralBody,
  ReferralHandoverBody,
  ReferralList,
  ReferralPreview,
  ReferralStateBody,
  ReferralTargets,
  ReferralView,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

const at = (id: string) => `/api/referrals/${encodeURIComponent(id)}`
const helpline = (id: string) => `/api/helplines/${encodeURIComponent(id)}`

export const listReferrals = (helplineId: string, direction: 'in' | 'out') =>
  request<ReferralList>('GET', `${helpline(helplineId)}/referrals?direction=${direction}`)
export const listReferralTargets = (helplineId: string) =>
  request<ReferralTargets>('GET', `${helpline(helplineId)}/referral-targets`)
export const previewReferral = (body: CreateReferralBody) =>
  request<ReferralPreview>('POST', '/api/referrals/preview', body)
export const sendReferral = (body: CreateReferralBody) =>
  request<ReferralView>('POST', '/api/referrals', body)
export const getReferral = (id: string) => request<ReferralView>('GET', at(id))
export const setReferralState = (id: string, body: ReferralStateBody) =>
  request<ReferralView>('POST', `${at(id)}/state`, body)
export const recordHandover = (id: string, body: ReferralHandoverBody) =>
  request<ReferralView>('POST', `${at(id)}/handovers`, body)

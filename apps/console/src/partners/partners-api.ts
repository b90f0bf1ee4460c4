// The helpline's partner installations: kept by its coordinators.
import type { Partner, PartnerBody, PartnersView } from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const loadPartners = (helplineId: string) =>
  request<PartnersView>('GET', `/api/helplines/${encodeURIComponent(helplineId)}/partners`)

export const createPartner = (helplineId: string, body: PartnerBody) =>
  request<Partner>('POST', `/api/helplines/${encodeURIComponent(helplineId)}/partners`, body)

export const updatePartner = (id: string, body: PartnerBody) =>
  request<Partner>('PUT', `/api/partners/${encodeURIComponent(id)}`, body)

// The report mode's calls (apps/server/src/routes/report): no cookies, no referrer, nothing stored.
import type {
  ReportAddBody,
  ReportChallenge,
  ReportFormInfo,
  ReportReceipt,
  ReportSubmitBody,
  ReportThread,
} from '@ascolto/protocol'
import { type Endpoint, request } from '../api.ts'

export const fetchReportForm = (endpoint: Endpoint) => request<ReportFormInfo>(endpoint, '/report')

export const fetchChallenge = (endpoint: Endpoint) => request<ReportChallenge>(endpoint, '/report/challenge')

export const sendReport = (endpoint: Endpoint, body: ReportSubmitBody) =>
  request<ReportReceipt>(endpoint, '/report', { method: 'POST', body })

export const openThread = (endpoint: Endpoint, code: string) =>
  request<ReportThread>(endpoint, '/report/thread', { method: 'POST', body: { code } })

export const addToReport = (endpoint: Endpoint, body: ReportAddBody) =>
  request<ReportThread>(endpoint, '/report/messages', { method: 'POST', body })

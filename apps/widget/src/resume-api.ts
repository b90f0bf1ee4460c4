import type { WidgetResumeCode, WidgetResumed } from '@ascolto/protocol'
import { type Endpoint, request } from './api.ts'

// The code to continue the conversation from another device: asked for by the person, shown to
// them only, never kept on this device (routes/widget/resume.ts on the server).

export const fetchResumeCode = (endpoint: Endpoint, token: string) =>
  request<WidgetResumeCode>(endpoint, '/resume-code', { method: 'POST', token })

/** Binds the conversation of `code` to `token` (this device's new one). */
export const postResume = (endpoint: Endpoint, token: string, code: string) =>
  request<WidgetResumed>(endpoint, '/resume', { method: 'POST', token, body: { code } })

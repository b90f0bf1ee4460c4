import type {
  WidgetEnded,
  WidgetInfo,
  WidgetLanguageSet,
  WidgetMessage,
  WidgetMessageBody,
  WidgetSurveyBody,
  WidgetSurveyRecorded,
  WidgetTranscript,
} from '@ascolto/protocol'
import { overridesDropped } from '@ascolto/protocol/links'

// The widget's REST calls. No cookies (credentials: 'omit') and no referrer: the server learns
// the host page's origin from the Origin header, not which page of the site the person was on.

/** The server answered with a refusal that repeating the request will not change (a 4xx). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The request may succeed later: no answer, a timeout, a 5xx, or a "slow down". */
export class RetryableError extends Error {}

const TIMEOUT_MS = 15_000

export type Endpoint = { server: string; channel: string }

export async function request<T>(
  { server, channel }: Endpoint,
  path: string,
  init: { method?: string; token?: string; body?: unknown; keepalive?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {}
  if (init.token) headers.authorization = `Bearer ${init.token}`
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  const timer = controller && setTimeout(() => controller.abort(), TIMEOUT_MS)
  let response: Response
  try {
    response = await fetch(`${server}/api/widget/v1/channels/${encodeURIComponent(channel)}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      signal: controller?.signal,
      keepalive: init.keepalive,
    })
  } catch {
    throw new RetryableError('network')
  } finally {
    clearTimeout(timer)
  }
  // 408 and 429 are 4xx but say "try again later"; dropping a message for them would lose it.
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    throw new RetryableError(`http ${response.status}`)
  }
  // the helpline's own words (its name, its questions) are shown without overrides, as a person's are
  const body = (await response
    .text()
    .then((text) => JSON.parse(text, overridesDropped))
    .catch(() => null)) as unknown
  if (!response.ok) {
    const error = (body ?? {}) as { code?: unknown; message?: unknown }
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : 'UNKNOWN',
      typeof error.message === 'string' ? error.message : '',
    )
  }
  return body as T
}

export const fetchInfo = (endpoint: Endpoint) => request<WidgetInfo>(endpoint, '')

export const fetchTranscript = (endpoint: Endpoint, token: string) =>
  request<WidgetTranscript>(endpoint, '/messages', { token })

export const postMessage = (endpoint: Endpoint, token: string, body: WidgetMessageBody) =>
  request<WidgetMessage>(endpoint, '/messages', { method: 'POST', token, body })

/** Ends the person's conversation on the server; keepalive, so it survives the page being replaced. */
export const endConversation = (endpoint: Endpoint, token: string) =>
  request<WidgetEnded>(endpoint, '/end', { method: 'POST', token, keepalive: true })

/** The language the person chose for the conversation under way. */
export const putLanguage = (endpoint: Endpoint, token: string, language: string) =>
  request<WidgetLanguageSet>(endpoint, '/language', { method: 'PUT', token, body: { language } })

export const postSurvey = (endpoint: Endpoint, token: string, body: WidgetSurveyBody) =>
  request<WidgetSurveyRecorded>(endpoint, '/survey', { method: 'POST', token, body })

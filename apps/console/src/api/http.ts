// Every call to the server goes through here: same origin, the session cookie, JSON both ways.
// A failure becomes an ApiError carrying the server's code, so screens can say what went wrong.
import type { ErrorView, FileProblem } from '@ascolto/protocol'
import { overridesDropped } from '@ascolto/protocol/links'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  /** Every problem of a rejected settings file, each starting with its field's path. */
  readonly problems: string[]
  /** Every problem of a rejected imported file, by line and column. */
  readonly fileProblems: FileProblem[]
  constructor(status: number, { code, message, problems, fileProblems }: ErrorView) {
    super(message)
    this.status = status
    this.code = code
    this.problems = problems ?? []
    this.fileProblems = fileProblems ?? []
  }
}

/** Code of a request that never got an answer (offline, server down). */
export const NETWORK_ERROR = 'ASCOLTO_ERR_NETWORK'

let onUnauthenticated: () => void = () => {}

/** Called when the session has ended under the page (expired, signed out elsewhere). */
export function whenUnauthenticated(listener: () => void) {
  onUnauthenticated = listener
}

function isErrorView(value: unknown): value is ErrorView {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: object,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH'
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(sendsBody ? { 'content-type': 'application/json', accept: 'application/json' } : {}),
        ...extraHeaders,
      },
      // the server refuses a POST without a JSON body, even one that needs nothing
      body: sendsBody ? JSON.stringify(body ?? {}) : undefined,
    })
  } catch {
    throw new ApiError(0, { code: NETWORK_ERROR, message: 'The server cannot be reached' })
  }
  if (response.status === 204) return undefined as T
  // names, titles and labels staff wrote are shown without overrides, as a person's text is
  const payload: unknown = await response
    .text()
    .then((text) => JSON.parse(text, overridesDropped))
    .catch(() => undefined)
  if (!response.ok) {
    const error = isErrorView(payload)
      ? new ApiError(response.status, payload)
      : new ApiError(response.status, { code: 'ASCOLTO_ERR_INTERNAL', message: response.statusText })
    // a failed sign-in is a 401 too, but it is the form's to show, not a lost session
    if (error.code === 'ASCOLTO_ERR_UNAUTHENTICATED') onUnauthenticated()
    throw error
  }
  return payload as T
}

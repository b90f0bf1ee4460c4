import type { SessionView, SignInBody } from '@ascolto/protocol'
import { ApiError, request } from './http.ts'

/** The signed-in operator, or null when there is no session. */
export async function loadSession(): Promise<SessionView | null> {
  try {
    return await request<SessionView>('GET', '/api/session')
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export const signIn = (body: SignInBody) => request<SessionView>('POST', '/api/session', body)

export const signOut = () => request<void>('DELETE', '/api/session')

// Passkeys from the console: the browser's WebAuthn ceremonies (through @simplewebauthn/browser)
// wrapped around the server's options and checks. The server hands out every challenge and keeps
// it; the browser only signs it.
import type { PasskeyAdded, SecondFactorsView, SessionView } from '@ascolto/protocol'
import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser'
import { request } from '../api/http.ts'

/** WebAuthn needs a secure context (HTTPS, or localhost) and a browser that has it. */
export const supportsPasskeys = () => window.isSecureContext && browserSupportsWebAuthn()

/** What went wrong in the browser's own part of a ceremony (the server's failures are ApiErrors). */
export type CeremonyFailure = 'duplicate' | 'cancelled'

export class PasskeyCeremonyError extends Error {
  readonly failure: CeremonyFailure
  constructor(failure: CeremonyFailure) {
    super(`Passkey ceremony: ${failure}`)
    this.failure = failure
  }
}

async function inBrowser<T>(ceremony: () => Promise<T>): Promise<T> {
  try {
    return await ceremony()
  } catch (error) {
    const duplicate =
      error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
    throw new PasskeyCeremonyError(duplicate ? 'duplicate' : 'cancelled')
  }
}

export const loadSecondFactors = () => request<SecondFactorsView>('GET', '/api/session/passkeys')

export async function addPasskey(name: string): Promise<PasskeyAdded> {
  const optionsJSON = await request<PublicKeyCredentialCreationOptionsJSON>(
    'POST',
    '/api/session/passkeys/options',
  )
  const response = await inBrowser(() => startRegistration({ optionsJSON }))
  return request<PasskeyAdded>('POST', '/api/session/passkeys', { name, response })
}

export const removePasskey = (id: string) =>
  request<void>('DELETE', `/api/session/passkeys/${encodeURIComponent(id)}`)

/** The second step of a sign-in with a passkey: the password again, for the challenge, then the passkey. */
export async function signInWithPasskey(credentials: {
  email: string
  password: string
}): Promise<SessionView> {
  const optionsJSON = await request<PublicKeyCredentialRequestOptionsJSON>(
    'POST',
    '/api/session/passkey-challenge',
    credentials,
  )
  const passkey: AuthenticationResponseJSON = await inBrowser(() => startAuthentication({ optionsJSON }))
  return request<SessionView>('POST', '/api/session', { ...credentials, passkey })
}

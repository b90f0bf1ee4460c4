// The account's own calls: the second step of a sign-in, setting up a second factor (the password
// again first, when the server asks), new recovery codes, and the public end of an invitation.
import type {
  AcceptInvitationBody,
  InvitationAccepted,
  InvitationPreview,
  PasswordResetCompleteBody,
  PasswordResetPreview,
  RecoveryCodes,
  SessionView,
  SignInBody,
  TotpConfirmed,
  TotpEnrolment,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const signInWithCode = (body: SignInBody) => request<SessionView>('POST', '/api/session', body)

export const startEnrolment = () => request<TotpEnrolment>('POST', '/api/session/totp')

export const confirmEnrolment = (code: string) =>
  request<TotpConfirmed>('POST', '/api/session/totp/confirm', { code })

/** The password again, before the second factors change. */
export const reauthenticate = (password: string) =>
  request<void>('POST', '/api/session/reauthenticate', { password })

/** New recovery codes in place of the old ones, on the person's own request. */
export const renewRecoveryCodes = () => request<RecoveryCodes>('POST', '/api/session/recovery-codes')

export const lookUpInvitation = (token: string) =>
  request<InvitationPreview>('POST', '/api/invitations/lookup', { token })

export const acceptInvitation = (body: AcceptInvitationBody) =>
  request<InvitationAccepted>('POST', '/api/invitations/accept', body)

/** "Password dimenticata?": the same answer whether the address has an account or not. */
export const askPasswordReset = (email: string) =>
  request<void>('POST', '/api/password-reset/request', { email })

export const lookUpPasswordReset = (token: string) =>
  request<PasswordResetPreview>('POST', '/api/password-reset/lookup', { token })

export const completePasswordReset = (body: PasswordResetCompleteBody) =>
  request<PasswordResetPreview>('POST', '/api/password-reset/complete', body)

const LINK = /^#\/(invitation|reset)\/([A-Za-z0-9_-]{43})$/

/** The link this page was opened with, if any: an invitation's, or a password reset's. */
export function linkToken(): { kind: 'invitation' | 'reset'; token: string } | null {
  const match = LINK.exec(window.location.hash)
  return match ? { kind: match[1] as 'invitation' | 'reset', token: match[2] ?? '' } : null
}

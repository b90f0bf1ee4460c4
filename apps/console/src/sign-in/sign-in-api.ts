// The account's own calls: the second step of a sign-in, setting up a second factor, and the
// public end of an invitation.
import type {
  AcceptInvitationBody,
  InvitationAccepted,
  InvitationPreview,
  RecoveryCodes,
  SessionView,
  SignInBody,
  TotpEnrolment,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const signInWithCode = (body: SignInBody) => request<SessionView>('POST', '/api/session', body)

export const startEnrolment = () => request<TotpEnrolment>('POST', '/api/session/totp')

export const confirmEnrolment = (code: string) =>
  request<RecoveryCodes>('POST', '/api/session/totp/confirm', { code })

export const lookUpInvitation = (token: string) =>
  request<InvitationPreview>('POST', '/api/invitations/lookup', { token })

export const acceptInvitation = (body: AcceptInvitationBody) =>
  request<InvitationAccepted>('POST', '/api/invitations/accept', body)

const INVITATION = /^#\/invitation\/([A-Za-z0-9_-]{43})$/

/** The token of the invitation link this page was opened with, if any. */
export const invitationToken = () => INVITATION.exec(window.location.hash)?.[1] ?? null

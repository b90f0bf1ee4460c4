// The team screen's calls: a helpline's members and invitations, its security settings.
import type {
  HelplineSecurity,
  InvitationCreated,
  InvitationView,
  InviteBody,
  MemberRole,
  PasswordResetIssued,
  TeamView,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

const helplinePath = (id: string) => `/api/helplines/${encodeURIComponent(id)}`
const memberPath = (helplineId: string, userId: string) =>
  `${helplinePath(helplineId)}/members/${encodeURIComponent(userId)}`

export const loadTeam = (helplineId: string) => request<TeamView>('GET', `${helplinePath(helplineId)}/team`)

export const invite = (helplineId: string, body: InviteBody) =>
  request<InvitationCreated>('POST', `${helplinePath(helplineId)}/invitations`, body)

const invitationPath = (helplineId: string, id: string) =>
  `${helplinePath(helplineId)}/invitations/${encodeURIComponent(id)}`

/** A fresh link for an open invitation: the one before stops working. */
export const renewInvitation = (helplineId: string, id: string) =>
  request<InvitationCreated>('POST', `${invitationPath(helplineId, id)}/link`)

export const revokeInvitation = (helplineId: string, id: string) =>
  request<InvitationView>('POST', `${invitationPath(helplineId, id)}/revoke`)

/** A link that sets a new password, for the coordinator to pass on. */
export const issuePasswordReset = (helplineId: string, userId: string) =>
  request<PasswordResetIssued>('POST', `${memberPath(helplineId, userId)}/password-reset`)

export const changeRole = (helplineId: string, userId: string, role: MemberRole) =>
  request<void>('PUT', `${memberPath(helplineId, userId)}/role`, { role })

export const deactivate = (helplineId: string, userId: string) =>
  request<void>('POST', `${memberPath(helplineId, userId)}/deactivate`)

export const logOutEverywhere = (helplineId: string, userId: string) =>
  request<void>('POST', `${memberPath(helplineId, userId)}/sign-out`)

export const loadSecurity = (helplineId: string) =>
  request<HelplineSecurity>('GET', `${helplinePath(helplineId)}/security`)

export const saveSecurity = (helplineId: string, body: HelplineSecurity) =>
  request<HelplineSecurity>('PUT', `${helplinePath(helplineId)}/security`, body)

// "Squadra": a coordinator's view of the helpline's team. Members with their roles (changed in
// place), logged out everywhere or deactivated, a link that sets a new password; an invitation by
// a single-use link shown once; the invitations with their state; what the helpline asks of
// accounts (second factor, idle time); the mediators and interpreters who can be called into a
// phone call.
import type { HelplineSecurity, MemberRole, Membership, SessionView, TeamView } from '@ascolto/protocol'
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CallMediatorList } from '../calls/call-mediator-list.tsx'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { InvitationList } from './invitation-list.tsx'
import { LinkBox } from './link-box.tsx'
import {
  changeRole,
  deactivate,
  invite,
  issuePasswordReset,
  loadSecurity,
  loadTeam,
  logOutEverywhere,
  saveSecurity,
} from './team-api.ts'
import { auditHref, teamHref } from './team-gate.tsx'
import { TeamPage } from './team-header.tsx'
import './team.css'

type Props = { session: SessionView; helplines: Membership[]; helplineId: string; onSignedOut: () => void }
const ROLES: MemberRole[] = ['volunteer', 'supervisor', 'coordinator', 'mediator']

export function TeamScreen({ session, helplines, helplineId, onSignedOut }: Props) {
  const { t, i18n } = useTranslation()
  const [team, setTeam] = useState<TeamView | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [status, setStatus] = useState('')
  const [resetLink, setResetLink] = useState<{ name: string; link: string; expiresAt: string } | null>(null)
  const name = helplines.find((m) => m.helplineId === helplineId)?.helplineName ?? ''
  useDocumentTitle(`${t('team.title')} · ${name} · ${t('app.name')}`)

  const reload = useCallback(() => loadTeam(helplineId).then(setTeam, setFailure), [helplineId])
  useEffect(() => {
    setTeam(null)
    reload()
  }, [reload])

  const act = async (action: () => Promise<unknown>, done: string) => {
    setFailure(null)
    try {
      await action()
      await reload()
      setStatus(done)
    } catch (error) {
      setFailure(error)
    }
  }
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) : '—'

  return (
    <TeamPage
      displayName={session.user.displayName}
      helplines={helplines}
      helplineId={helplineId}
      hrefFor={teamHref}
      other={{ href: auditHref(helplineId), label: t('audit.title') }}
      onSignedOut={onSignedOut}
      title={
        <>
          {t('team.title')} · {name}
        </>
      }
    >
      <p role="status" className="team-status">
        {status}
      </p>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      <section aria-labelledby="team-members">
        <h2 id="team-members">{t('team.members')}</h2>
        {!team ? (
          <p>{t('app.loading')}</p>
        ) : (
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">{t('team.name')}</th>
                <th scope="col">{t('team.email')}</th>
                <th scope="col">{t('team.role')}</th>
                <th scope="col">{t('team.secondFactor')}</th>
                <th scope="col">{t('team.lastSeen')}</th>
                <th scope="col">{t('team.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => {
                const me = member.userId === session.user.id
                return (
                  <tr key={member.userId}>
                    <th scope="row">{member.displayName}</th>
                    <td>{member.email}</td>
                    <td>
                      <select
                        aria-label={t('team.roleOf', { name: member.displayName })}
                        value={member.role}
                        disabled={me}
                        onChange={(event) =>
                          act(
                            () => changeRole(helplineId, member.userId, event.target.value as MemberRole),
                            t('team.roleChanged', { name: member.displayName }),
                          )
                        }
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`team.roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{member.secondFactor ? t('team.yes') : t('team.no')}</td>
                    <td>{when(member.lastSeenAt)}</td>
                    <td>
                      {!me && (
                        <div className="team-actions">
                          <button
                            type="button"
                            className="button-quiet"
                            onClick={() =>
                              act(
                                () => logOutEverywhere(helplineId, member.userId),
                                t('team.loggedOut', { name: member.displayName }),
                              )
                            }
                          >
                            {t('team.logOut')}
                            <span className="visually-hidden"> {member.displayName}</span>
                          </button>
                          <button
                            type="button"
                            className="button-quiet"
                            onClick={() =>
                              act(
                                async () => {
                                  const issued = await issuePasswordReset(helplineId, member.userId)
                                  setResetLink({ name: member.displayName, ...issued })
                                },
                                t('team.resetIssued', { name: member.displayName }),
                              )
                            }
                          >
                            {t('team.resetLink')}
                            <span className="visually-hidden"> {member.displayName}</span>
                          </button>
                          <button
                            type="button"
                            className="button-quiet"
                            onClick={() => {
                              if (!window.confirm(t('team.deactivateConfirm', { name: member.displayName })))
                                return
                              act(
                                () => deactivate(helplineId, member.userId),
                                t('team.deactivated', { name: member.displayName }),
                              )
                            }}
                          >
                            {t('team.deactivate')}
                            <span className="visually-hidden"> {member.displayName}</span>
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
        {resetLink && (
          <LinkBox
            label={t('team.resetLabel', { name: resetLink.name, time: when(resetLink.expiresAt) })}
            link={resetLink.link}
            hint={t('team.resetHint', { name: resetLink.name })}
          />
        )}
      </section>
      <InviteForm helplineId={helplineId} onInvited={reload} />
      {team && team.invitations.length > 0 && (
        <InvitationList helplineId={helplineId} invitations={team.invitations} when={when} act={act} />
      )}
      <SecurityForm helplineId={helplineId} onSaved={() => setStatus(t('team.securitySaved'))} />
      <CallMediatorList helplineId={helplineId} />
    </TeamPage>
  )
}

function InviteForm({ helplineId, onInvited }: { helplineId: string; onInvited: () => void }) {
  const { t } = useTranslation()
  const ids = { email: useId(), role: useId() }
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<MemberRole>('volunteer')
  const [link, setLink] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFailure(null)
    try {
      const created = await invite(helplineId, { email: email.trim(), role })
      setLink(created.link)
      setEmail('')
      onInvited()
    } catch (error) {
      setFailure(error)
    }
  }

  return (
    <section aria-labelledby="team-invite">
      <h2 id="team-invite">{t('team.invite')}</h2>
      <form className="team-invite" onSubmit={submit}>
        <label htmlFor={ids.email}>{t('team.email')}</label>
        <input
          id={ids.email}
          type="email"
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor={ids.role}>{t('team.role')}</label>
        <select id={ids.role} value={role} onChange={(event) => setRole(event.target.value as MemberRole)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`team.roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button-primary">
          {t('team.inviteSubmit')}
        </button>
      </form>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      {link && <LinkBox label={t('team.linkLabel')} link={link} hint={t('team.linkHint')} />}
    </section>
  )
}

function SecurityForm({ helplineId, onSaved }: { helplineId: string; onSaved: () => void }) {
  const { t } = useTranslation()
  const ids = { volunteers: useId(), idle: useId(), reveal: useId() }
  const [security, setSecurity] = useState<HelplineSecurity | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  useEffect(() => {
    loadSecurity(helplineId).then(setSecurity, setFailure)
  }, [helplineId])
  if (!security) return failure ? <ErrorAlert error={failure} onDismiss={() => setFailure(null)} /> : null

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!security) return
    setFailure(null)
    try {
      setSecurity(await saveSecurity(helplineId, security))
      onSaved()
    } catch (error) {
      setFailure(error)
    }
  }

  return (
    <section aria-labelledby="team-security">
      <h2 id="team-security">{t('team.security')}</h2>
      <form className="team-security" onSubmit={submit}>
        <p className="muted">{t('team.securityIntro')}</p>
        <label className="checkbox" htmlFor={ids.volunteers}>
          <input
            id={ids.volunteers}
            type="checkbox"
            checked={security.volunteerSecondFactor}
            onChange={(event) => setSecurity({ ...security, volunteerSecondFactor: event.target.checked })}
          />{' '}
          {t('team.volunteerSecondFactor')}
        </label>
        <label className="checkbox" htmlFor={ids.reveal}>
          <input
            id={ids.reveal}
            type="checkbox"
            checked={security.revealNeedsApproval ?? false}
            onChange={(event) => setSecurity({ ...security, revealNeedsApproval: event.target.checked })}
          />{' '}
          {t('team.revealNeedsApproval')}
        </label>
        <label htmlFor={ids.idle}>{t('team.idleMinutes')}</label>
        <input
          id={ids.idle}
          type="number"
          min={5}
          max={10080}
          required
          value={security.sessionIdleMinutes}
          onChange={(event) => setSecurity({ ...security, sessionIdleMinutes: Number(event.target.value) })}
        />
        <button type="submit" className="button-primary">
          {t('team.saveSecurity')}
        </button>
      </form>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
    </section>
  )
}

// The helpline's invitations with their state (open, accepted, expired, revoked); an open one gets
// a fresh link (the one before stops working: the server keeps only the last one's hash) or is
// revoked.
import type { InvitationView } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LinkBox } from './link-box.tsx'
import { renewInvitation, revokeInvitation } from './team-api.ts'

type Props = {
  helplineId: string
  invitations: InvitationView[]
  when: (iso: string | null) => string
  act: (action: () => Promise<unknown>, done: string) => Promise<void>
}

export function InvitationList({ helplineId, invitations, when, act }: Props) {
  const { t } = useTranslation()
  const [renewed, setRenewed] = useState<{ email: string; link: string } | null>(null)
  const stateOf = (invitation: InvitationView) =>
    t(`team.invitationStates.${invitation.state}`, {
      time: when(
        invitation.state === 'accepted'
          ? invitation.usedAt
          : invitation.state === 'revoked'
            ? invitation.revokedAt
            : invitation.expiresAt,
      ),
    })

  return (
    <section aria-labelledby="team-invitations">
      <h2 id="team-invitations">{t('team.invitations')}</h2>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">{t('team.email')}</th>
            <th scope="col">{t('team.role')}</th>
            <th scope="col">{t('team.invitationState')}</th>
            <th scope="col">{t('team.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <th scope="row">{invitation.email}</th>
              <td>{t(`team.roles.${invitation.role}`)}</td>
              <td className={`invitation-state invitation-${invitation.state}`}>{stateOf(invitation)}</td>
              <td>
                {invitation.state === 'open' && (
                  <div className="team-actions">
                    <button
                      type="button"
                      className="button-quiet"
                      onClick={() =>
                        act(
                          async () => {
                            const { link } = await renewInvitation(helplineId, invitation.id)
                            setRenewed({ email: invitation.email, link })
                          },
                          t('team.linkRenewed', { email: invitation.email }),
                        )
                      }
                    >
                      {t('team.renewLink')}
                      <span className="visually-hidden"> {invitation.email}</span>
                    </button>
                    <button
                      type="button"
                      className="button-quiet"
                      onClick={() => {
                        if (!window.confirm(t('team.revokeConfirm', { email: invitation.email }))) return
                        if (renewed?.email === invitation.email) setRenewed(null)
                        act(
                          () => revokeInvitation(helplineId, invitation.id),
                          t('team.revoked', { email: invitation.email }),
                        )
                      }}
                    >
                      {t('team.revoke')}
                      <span className="visually-hidden"> {invitation.email}</span>
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {renewed && (
        <LinkBox
          label={t('team.renewedLabel', { email: renewed.email })}
          link={renewed.link}
          hint={t('team.renewedHint')}
        />
      )}
    </section>
  )
}

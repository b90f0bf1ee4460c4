// "Registro": the helpline's audit log for its coordinators, newest first, a page at a time, each
// event a sentence with its subject linked, the raw record behind a disclosure. Ids and counts
// only: the log never holds a message or an address.
import type { AuditEventView, Membership, SessionView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { auditHref, teamHref } from '../team/team-gate.tsx'
import { TeamPage } from '../team/team-header.tsx'
import { AuditSentence } from './audit-sentence.tsx'
import '../team/team.css'

type Props = { session: SessionView; helplines: Membership[]; helplineId: string; onSignedOut: () => void }

const loadAudit = (helplineId: string, before?: number) =>
  request<{ events: AuditEventView[] }>(
    'GET',
    `/api/helplines/${encodeURIComponent(helplineId)}/audit${before ? `?before=${before}` : ''}`,
  )

export function AuditScreen({ session, helplines, helplineId, onSignedOut }: Props) {
  const { t, i18n } = useTranslation()
  const [events, setEvents] = useState<AuditEventView[] | null>(null)
  const [more, setMore] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)
  const name = helplines.find((m) => m.helplineId === helplineId)?.helplineName ?? ''
  useDocumentTitle(`${t('audit.title')} · ${name} · ${t('app.name')}`)

  useEffect(() => {
    setEvents(null)
    loadAudit(helplineId).then(({ events }) => {
      setEvents(events)
      setMore(events.length === 100)
    }, setFailure)
  }, [helplineId])

  const older = async () => {
    const last = events?.at(-1)
    if (!last) return
    try {
      const page = await loadAudit(helplineId, last.id)
      setEvents([...(events ?? []), ...page.events])
      setMore(page.events.length === 100)
    } catch (error) {
      setFailure(error)
    }
  }
  return (
    <TeamPage
      displayName={session.user.displayName}
      helplines={helplines}
      helplineId={helplineId}
      hrefFor={auditHref}
      other={{ href: teamHref(helplineId), label: t('team.title') }}
      onSignedOut={onSignedOut}
      title={
        <>
          {t('audit.title')} · {name}
        </>
      }
    >
      <p className="muted">{t('audit.intro')}</p>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      {!events ? (
        <p>{t('app.loading')}</p>
      ) : (
        <table className="team-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>
                  {new Date(event.at).toLocaleString(i18n.language, {
                    dateStyle: 'short',
                    timeStyle: 'medium',
                  })}
                </td>
                <th scope="row" className="audit-sentence">
                  <AuditSentence event={event} />
                </th>
                <td>
                  <details className="audit-raw">
                    <summary>{t('audit.rawDetails')}</summary>
                    <code className="audit-details">
                      {JSON.stringify({
                        action: event.action,
                        subjectType: event.subjectType,
                        subjectId: event.subjectId,
                        ...event.details,
                      })}
                    </code>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" className="button-quiet" onClick={older}>
          {t('audit.older')}
        </button>
      )}
    </TeamPage>
  )
}

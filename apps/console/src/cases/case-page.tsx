// One case on its own page: who is in it, its status, the plan, follow-ups, notes, a supervisor's
// review, and the timeline of everything (conversations, entries, call-backs), newest first.
import {
  type AddCaseEntryBody,
  CASE_OUTCOMES,
  type CaseOutcome,
  type CaseStatus,
  type CaseView,
} from '@ascolto/protocol'
import { Fragment, useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLabels } from '../desk/labels.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { localized } from '../desk/use-desk-setup.ts'
import { conversationHref } from '../desk/use-hash-route.ts'
import { SendReferralDialog } from '../referrals/send-referral-dialog.tsx'
import { CaseCallback, useCallbackMoments } from './case-callback.tsx'
import { CasePlan } from './case-plan.tsx'
import { CaseStatusLine } from './case-status-line.tsx'
import { addCaseEntry, getCase, markEntryDone, updateCase } from './cases-api.ts'
import { EmergencyExport } from './emergency-export.tsx'
import { EmergencyProcedure, useEmergencyValue } from './emergency-procedure.tsx'
import { EntryForm } from './entry-form.tsx'
import { FirstContact } from './first-contact.tsx'
import { formatDueTime } from './format-due.ts'

type Props = {
  caseId: string
  myId: string
  supervises: (helplineId: string) => boolean
  coordinates: (helplineId: string) => boolean
  /** Grows when the case changed elsewhere: read it again. */
  version: number
  onError: (error: unknown) => void
}

type Moment = { at: string; key: string; node: React.ReactNode }

export function CasePage({ caseId, myId, supervises, coordinates, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const labels = useLabels(myId)
  const emergencyValue = useEmergencyValue()
  const heading = useRef<HTMLHeadingElement>(null)
  const ids = { heading: useId(), status: useId(), outcome: useId() }
  const [view, setView] = useState<CaseView | null>(null)
  const callbackMoments = useCallbackMoments(view?.callbacks ?? [])
  const [status, setStatus] = useState<CaseStatus>('open')
  const [outcome, setOutcome] = useState<CaseOutcome>('goal-reached')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when to read again
  useEffect(() => {
    // an answer overtaken by a later read is dropped
    let current = true
    getCase(caseId).then((answer) => {
      if (!current) return
      setView(answer)
      setStatus(answer.status)
    }, onError)
    return () => {
      current = false
    }
  }, [caseId, version, onError])

  const run = useCallback(
    async (action: () => Promise<CaseView>) => {
      try {
        const answer = await action()
        setView(answer)
        setStatus(answer.status)
        return true
      } catch (error) {
        onError(error)
        return false
      }
    },
    [onError],
  )
  const add = (body: AddCaseEntryBody) => run(() => addCaseEntry(caseId, body))

  if (!view) {
    return (
      <main id="settings" className="settings-page case-page" tabIndex={-1}>
        <p className="muted" role="status">
          {t('cases.loading')}
        </p>
      </main>
    )
  }
  const time = (at: string) => formatDueTime(at, i18n.language)
  const pseudonym = (n: number) => t('contact.pseudonym', { number: String(n) })
  const goals = [...view.entries].reverse().filter((e) => e.kind === 'goal')
  const followUps = view.entries.filter((e) => e.kind === 'follow_up').reverse()
  const moments: Moment[] = [
    ...view.conversations.map((c) => ({
      at: c.openedAt,
      key: c.conversationId,
      node: (
        <>
          {t('cases.timeline.conversation')}{' '}
          <a href={conversationHref(c.conversationId)}>{pseudonym(c.pseudonym)}</a> · {c.channelKind}
        </>
      ),
    })),
    ...(view.emergency?.records ?? []).flatMap((r) => {
      const step = view.emergency?.procedure.find((s) => s.id === r.stepId)
      if (!step) return []
      return [
        {
          at: r.doneAt,
          key: r.id,
          node: (
            <>
              <strong>{localized(step.label, i18n.language)}</strong>
              {r.doneBy && ` · ${r.doneBy.displayName}`}
              <span className="case-entry-text">{emergencyValue(step, r.value)}</span>
            </>
          ),
        },
      ]
    }),
    ...callbackMoments,
    ...view.entries.map((e) => ({
      at: e.createdAt,
      key: e.id,
      node: (
        <>
          <strong>{t(`cases.entry.kind.${e.kind}`)}</strong>
          {e.author && ` · ${e.author.displayName}`}
          {e.dueAt && ` · ${time(e.dueAt)}`}
          <span className="case-entry-text">{e.text}</span>
        </>
      ),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at))

  return (
    <main id="settings" className="settings-page case-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop headingId={ids.heading} heading={heading} title={view.title} />
      <CaseStatusLine summary={view} />
      {view.status !== 'closed' && view.members.length > 0 && (
        <div className="case-forms">
          <SendReferralDialog
            source={{ caseId }}
            helplineId={view.helplineId}
            languages={[]}
            mayRevealAddress={supervises(view.helplineId)}
            onSent={() => {}}
          />
        </div>
      )}
      <section aria-label={t('cases.people')}>
        <h3>{t('cases.people')}</h3>
        <ul className="case-people">
          {view.members.map((m) => (
            <li key={m.contactId}>
              {pseudonym(m.pseudonym)} · {m.isSubject ? t('cases.subject') : (m.relation ?? t('cases.other'))}
              {view.status !== 'closed' &&
                m.doors
                  .filter((door) => door.channelKind !== 'webchat' && door.channelKind !== 'logged')
                  .map((door) => (
                    <Fragment key={door.channelId}>
                      <FirstContact
                        caseId={caseId}
                        member={m}
                        door={door}
                        channelName={labels.channel(door.channelKind)}
                        consentName={
                          door.callable
                            ? t('cases.firstContact.andPhone', { door: labels.channel(door.channelKind) })
                            : labels.channel(door.channelKind)
                        }
                        onChanged={(answer) => setView(answer)}
                        onError={onError}
                      />
                      {door.consentAt && door.callable && (
                        <CaseCallback
                          view={view}
                          member={m}
                          door={door}
                          onChanged={(answer) => setView(answer)}
                          onError={onError}
                        />
                      )}
                    </Fragment>
                  ))}
            </li>
          ))}
        </ul>
        <p className="muted">{t('cases.team', { names: view.team.map((p) => p.displayName).join(', ') })}</p>
      </section>

      {view.emergency && (
        <EmergencyProcedure
          caseId={caseId}
          emergency={view.emergency}
          closed={view.status === 'closed'}
          onChanged={(answer) => setView(answer)}
          onError={onError}
        />
      )}
      {view.emergency && coordinates(view.helplineId) && <EmergencyExport view={view} onError={onError} />}

      <section aria-label={t('cases.plan')}>
        <h3>{t('cases.plan')}</h3>
        <CasePlan view={view} onDone={(entryId, done) => run(() => markEntryDone(caseId, entryId, done))} />
        {view.status !== 'closed' && (
          <div className="case-forms">
            <EntryForm kind="goal" onAdd={add} />
            <EntryForm kind="step" goals={goals} onAdd={add} />
          </div>
        )}
      </section>

      <section aria-label={t('cases.followUps')}>
        <h3>{t('cases.followUps')}</h3>
        <ul className="case-follow-ups">
          {followUps.map((f) => (
            <li key={f.id} className={f.overdue ? 'case-overdue' : undefined}>
              <label className="case-tick">
                <input
                  type="checkbox"
                  checked={f.done}
                  onChange={(event) => run(() => markEntryDone(caseId, f.id, event.target.checked))}
                />
                <span>
                  {time(f.dueAt ?? f.createdAt)} · {f.text}
                  {f.overdue && ` · ${t('cases.overdue')}`}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {view.status !== 'closed' && <EntryForm kind="follow_up" onAdd={add} />}
      </section>

      <section aria-label={t('cases.notes')}>
        <h3>{t('cases.notes')}</h3>
        <div className="case-forms">
          <EntryForm kind="note" onAdd={add} />
          {supervises(view.helplineId) && <EntryForm kind="review" onAdd={add} />}
        </div>
      </section>

      <section aria-label={t('cases.statusTitle')}>
        <h3>{t('cases.statusTitle')}</h3>
        <form
          className="case-form case-status-form"
          onSubmit={(event) => {
            event.preventDefault()
            run(() => updateCase(caseId, { status, ...(status === 'closed' && { outcome }) }))
          }}
        >
          <div className="field">
            <label htmlFor={ids.status}>{t('cases.statusLabel')}</label>
            <select
              id={ids.status}
              value={status}
              onChange={(event) => setStatus(event.target.value as CaseStatus)}
            >
              {(['open', 'on_hold', 'closed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`cases.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {status === 'closed' && view.status !== 'closed' && (
            <div className="field">
              <label htmlFor={ids.outcome}>{t('cases.outcomeLabel')}</label>
              <select
                id={ids.outcome}
                value={outcome}
                onChange={(event) => setOutcome(event.target.value as CaseOutcome)}
              >
                {CASE_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`cases.outcome.${o}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" disabled={status === view.status}>
            {t('cases.saveStatus')}
          </button>
        </form>
      </section>

      <section aria-label={t('cases.timeline.title')}>
        <h3>{t('cases.timeline.title')}</h3>
        <ol className="case-timeline">
          {moments.map((m) => (
            <li key={m.key}>
              <time dateTime={m.at}>{time(m.at)}</time> {m.node}
            </li>
          ))}
        </ol>
      </section>
    </main>
  )
}

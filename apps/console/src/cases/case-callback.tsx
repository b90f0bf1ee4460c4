// The line calls first, beside writing first: on a phone door where the person agreed, in this
// case, to be contacted, a call-back asked for goes to the call-back list above the queue (whoever
// may see the number calls from there). A time is optional: none, as soon as the line is open; a
// closed hour moves to the first open one. One waits at a time for a door: then it says by when.
import type { CaseMemberView, CaseView } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'
import { formatDueTime, instantOf } from './format-due.ts'

type Props = {
  view: CaseView
  member: CaseMemberView
  door: CaseMemberView['doors'][number]
  onChanged: (view: CaseView) => void
  onError: (error: unknown) => void
}

const WAITING = new Set(['pending', 'not_reachable'])

export function CaseCallback({ view, member, door, onChanged, onError }: Props) {
  const { t, i18n } = useTranslation()
  const dueId = useId()
  const [due, setDue] = useState('')
  const [pending, setPending] = useState(false)
  const waiting = view.callbacks.find(
    (c) => c.contactId === member.contactId && c.channelId === door.channelId && WAITING.has(c.status),
  )
  if (waiting) {
    return (
      <p className="muted case-callback-waiting">
        {t('cases.callback.waiting', { time: formatDueTime(waiting.dueAt, i18n.language) })}
      </p>
    )
  }

  async function ask(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    try {
      onChanged(
        await request<CaseView>('POST', `/api/cases/${encodeURIComponent(view.id)}/callbacks`, {
          contactId: member.contactId,
          channelId: door.channelId,
          ...(due && { dueAt: instantOf(due) }),
        }),
      )
      setDue('')
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <form className="case-form" onSubmit={ask}>
      <div className="field">
        <label htmlFor={dueId}>{t('cases.callback.due')}</label>
        <input
          id={dueId}
          type="datetime-local"
          value={due}
          onChange={(event) => setDue(event.target.value)}
        />
      </div>
      <button type="submit" disabled={pending}>
        {t('cases.callback.ask')}
      </button>
    </form>
  )
}

/** The case's call-backs on its timeline: when each was asked for, and its last try. */
export function useCallbackMoments(callbacks: CaseView['callbacks']) {
  const { t, i18n } = useTranslation()
  const time = (at: string) => formatDueTime(at, i18n.language)
  return callbacks.flatMap((c) => {
    const who = t('contact.pseudonym', { number: String(c.pseudonym) })
    const asked = {
      at: c.createdAt,
      key: c.id,
      node: (
        <>
          <strong>{t('cases.callback.asked')}</strong>
          {c.askedBy && ` · ${c.askedBy.displayName}`} · {who} ·{' '}
          {t('cases.callback.dueAt', { time: time(c.dueAt) })}
        </>
      ),
    }
    if (!c.lastAttemptAt) return [asked]
    const tried = {
      at: c.lastAttemptAt,
      key: `${c.id}:try`,
      node: (
        <>
          <strong>{t(`cases.callback.status.${c.status}`)}</strong> · {who} ·{' '}
          {t('callbacks.tries', { count: c.attempts })}
        </>
      ),
    }
    return [tried, asked]
  })
}

// A coordinator downloads an emergency take-in's record for the project that receives the person:
// without where the person is and their addresses, unless revealed (with a reason, through the
// reveal of the person's conversation in the case, under the helpline's rules and audited).
import type { CaseExport, CaseView } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'

type Props = { view: CaseView; onError: (error: unknown) => void }

export function EmergencyExport({ view, onError }: Props) {
  const { t } = useTranslation()
  const ids = { reveal: useId(), reason: useId() }
  const [reveal, setReveal] = useState(false)
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const subject = view.members.find((m) => m.isSubject) ?? view.members[0]
  // the person's own conversation in the case, newest first as the view lists them
  const conversation = view.conversations.find((c) => c.contactId === subject?.contactId)

  async function download(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    try {
      const record = await request<CaseExport>('POST', `/api/cases/${encodeURIComponent(view.id)}/export`, {
        ...(reveal &&
          conversation && { reveal: { conversationId: conversation.conversationId, reason: reason.trim() } }),
      })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(
        new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }),
      )
      link.download = `presa-in-carico-${view.id}.json`
      link.click()
      URL.revokeObjectURL(link.href)
      setReason('')
      setReveal(false)
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <section aria-label={t('cases.emergency.export')}>
      <h3>{t('cases.emergency.export')}</h3>
      <p className="muted">{t('cases.emergency.exportHint')}</p>
      <form className="case-form" onSubmit={download}>
        {conversation && (
          <label className="choice case-form-note" htmlFor={ids.reveal}>
            <input
              id={ids.reveal}
              type="checkbox"
              checked={reveal}
              onChange={(event) => setReveal(event.target.checked)}
            />
            {t('cases.emergency.reveal')}
          </label>
        )}
        {reveal && (
          <div className="field">
            <label htmlFor={ids.reason}>{t('cases.emergency.revealReason')}</label>
            <input
              id={ids.reason}
              required
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        )}
        <button type="submit" className="button-primary" disabled={pending}>
          {t('cases.emergency.download')}
        </button>
      </form>
    </section>
  )
}

// The line writes first, for one person of a case on one door: without their consent only the
// button to record it (the person agreed, now, to be written to there); with it, the first message
// (on WhatsApp past its window the approved template goes, whatever is typed).
import type { CaseMemberView, CaseView, FirstContactView } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'
import { conversationHref } from '../desk/use-hash-route.ts'
import { formatDueTime } from './format-due.ts'

type Door = CaseMemberView['doors'][number]
type Props = {
  caseId: string
  member: CaseMemberView
  door: Door
  channelName: string
  /** The door as the consent names it: one that takes calls too is the phone as well. */
  consentName: string
  onChanged: (view: CaseView) => void
  onError: (error: unknown) => void
}

export function FirstContact({ caseId, member, door, channelName, consentName, onChanged, onError }: Props) {
  const { t, i18n } = useTranslation()
  const textId = useId()
  const hintId = useId()
  const [text, setText] = useState('')
  const [pending, setPending] = useState(false)
  const target = { contactId: member.contactId, channelId: door.channelId }
  const at = `/api/cases/${encodeURIComponent(caseId)}`

  async function run(action: () => Promise<void>) {
    setPending(true)
    try {
      await action()
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }

  if (!door.consentAt) {
    return (
      <button
        type="button"
        disabled={pending}
        onClick={() => run(async () => onChanged(await request<CaseView>('POST', `${at}/consents`, target)))}
      >
        {t('cases.firstContact.recordConsent', { door: consentName })}
      </button>
    )
  }
  async function send(event: FormEvent) {
    event.preventDefault()
    await run(async () => {
      const sent = await request<FirstContactView>('POST', `${at}/first-contact`, {
        ...target,
        ...(text.trim() && { text: text.trim() }),
      })
      window.location.hash = conversationHref(sent.conversationId)
    })
  }
  return (
    <form className="case-form" onSubmit={send}>
      <p className="muted case-form-note">
        {t('cases.firstContact.consent', {
          door: consentName,
          time: formatDueTime(door.consentAt, i18n.language),
        })}
      </p>
      <div className="field">
        <label htmlFor={textId}>{t('cases.firstContact.text')}</label>
        <input
          id={textId}
          maxLength={4096}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={door.channelKind === 'whatsapp' ? hintId : undefined}
        />
        {door.channelKind === 'whatsapp' && (
          <p id={hintId} className="hint">
            {t('cases.firstContact.templateHint')}
          </p>
        )}
      </div>
      <button type="submit" className="button-primary" disabled={pending}>
        {t('cases.firstContact.send', { door: channelName })}
      </button>
    </form>
  )
}

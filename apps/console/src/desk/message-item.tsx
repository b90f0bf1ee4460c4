// One message in the list. A person's message can be hidden (with its category) from here; a
// hidden one shows why, and its text only to those who may still read it (supervisors). A file
// the person sent plays or shows above its caption.
import type { MessageView } from '@ascolto/protocol'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChosenHideReason } from '../api/moderation.ts'
import { CallRecord } from '../calls/call-record.tsx'
import { ReportAnswers } from '../reports/report-answers.tsx'
import { LinkedText } from '../shell/linked-text.tsx'
import { HideMessageForm } from './hide-message-form.tsx'
import { MessageMedia } from './message-media.tsx'
import { formatMessageTime } from './time-format.ts'

type Props = {
  message: MessageView
  author: string
  helplineId: string
  myId: string
  /** Answers true once hidden; false when it failed. */
  onHide: (messageId: string, reason: ChosenHideReason) => Promise<boolean>
}

export function MessageItem({ message, author, helplineId, myId, onHide }: Props) {
  const { t, i18n } = useTranslation()
  const time = formatMessageTime(message.createdAt, i18n.resolvedLanguage ?? 'it')
  const [formOpen, setFormOpen] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const hiddenMark = useRef<HTMLParagraphElement>(null)
  const focusOnClose = useRef<'opener' | 'hidden-mark' | null>(null)
  const hideable = message.direction === 'inbound' && message.hidden === null
  // a message hidden meanwhile from another console closes the form here too
  const showForm = formOpen && hideable
  const formWasShown = useRef(false)

  // the form's buttons go away with it: focus moves to what replaced them
  useEffect(() => {
    if (showForm) {
      formWasShown.current = true
      return
    }
    if (!formWasShown.current) return
    formWasShown.current = false
    setFormOpen(false)
    const wanted = focusOnClose.current
    focusOnClose.current = null
    // closed from elsewhere: focus is moved only if it was in the form, now gone
    if (!wanted && document.activeElement !== document.body) return
    const target = wanted === 'opener' ? opener.current : hiddenMark.current
    target?.focus()
  }, [showForm])

  function closeForm(focus: 'opener' | 'hidden-mark') {
    focusOnClose.current = focus
    setFormOpen(false)
  }

  return (
    <li className={`message message-${message.direction}${message.hidden ? ' message-hidden' : ''}`}>
      <p className="message-meta">
        {message.direction === 'note' && <span className="note-mark">{t('message.note')} · </span>}
        {author} · <time dateTime={message.createdAt}>{time}</time>
      </p>
      {message.hidden ? (
        <>
          <p ref={hiddenMark} className="hidden-mark" tabIndex={-1}>
            {t('message.hiddenAs', { reason: t(`message.hiddenReason.${message.hidden.reason}`) })}
          </p>
          {message.text && <p className="message-text hidden-text">{message.text}</p>}
        </>
      ) : (
        <>
          {message.media && <MessageMedia messageId={message.id} media={message.media} />}
          {message.call && (
            <CallRecord call={message.call} messageId={message.id} helplineId={helplineId} myId={myId} />
          )}
          {message.kind === 'report' && <ReportAnswers text={message.text} />}
          {!message.call && message.kind !== 'report' && (message.text || !message.media) && (
            <p className="message-text">
              {message.kind === 'text' || message.text ? (
                <LinkedText text={message.text} />
              ) : (
                t('message.unsupported', { kind: message.kind })
              )}
            </p>
          )}
        </>
      )}
      {message.flagged && !message.hidden && <p className="flag-mark">{t('message.flagged')}</p>}
      {message.direction === 'outbound' && (
        <p className={`message-status status-${message.status}`}>{t(`message.status.${message.status}`)}</p>
      )}
      {hideable &&
        (showForm ? (
          <HideMessageForm
            time={time}
            onHide={async (reason) => {
              const hidden = await onHide(message.id, reason)
              if (hidden) closeForm('hidden-mark')
              return hidden
            }}
            onCancel={() => closeForm('opener')}
          />
        ) : (
          <button
            ref={opener}
            type="button"
            className="button-small hide-opener"
            aria-label={t('hide.openLabel', { time })}
            onClick={() => setFormOpen(true)}
          >
            {t('hide.open')}
          </button>
        ))}
    </li>
  )
}

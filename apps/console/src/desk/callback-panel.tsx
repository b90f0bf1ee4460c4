// The voicemails (and the cases' call-backs) waiting for a call back, above the queue: who (a
// pseudonym), by when, how many tries, the recording to play or the case that asked, the
// conversation to open. Supervisors and coordinators, who may
// see the number, reveal it to call and record the try: reached, not reachable (due again later,
// in opening hours) or done.
import type { CallbackOutcome, CallbackView, SessionView } from '@ascolto/protocol'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseHref } from '../cases/case-route.ts'
import { listCallbacks, markCallback, revealCallbackNumber } from './callback-api.ts'
import { formatMessageTime, minutesAndSeconds } from './time-format.ts'
import { conversationHref } from './use-hash-route.ts'
import './callback-panel.css'

const REFRESH_MS = 30_000
const OUTCOMES: CallbackOutcome[] = ['called_back', 'not_reachable', 'done']

type Props = {
  memberships: SessionView['memberships']
  /** Grows when the server says a call-back changed: the list is read again at once. */
  version: number
  onError: (error: unknown) => void
}

export function CallbackPanel({ memberships, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const [callbacks, setCallbacks] = useState<CallbackView[]>([])
  const [numbers, setNumbers] = useState<Record<string, string>>({})
  const mayCall = (helplineId: string) =>
    memberships.some((m) => m.helplineId === helplineId && m.role !== 'volunteer')

  const reload = useCallback(() => {
    listCallbacks().then((list) => setCallbacks(list.callbacks), onError)
  }, [onError])
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when to read again
  useEffect(() => {
    // an answer overtaken by a later read is dropped
    let current = true
    listCallbacks().then((list) => current && setCallbacks(list.callbacks), onError)
    return () => {
      current = false
    }
  }, [version, onError])
  // and every half a minute, for what falls due meanwhile
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])

  if (callbacks.length === 0) return null
  const now = new Date()
  return (
    <section className="callback-panel" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">{t('callbacks.title', { count: callbacks.length })}</h2>
      <ul>
        {callbacks.map((callback) => {
          const overdue = new Date(callback.dueAt) < now
          const number = numbers[callback.id]
          return (
            <li key={callback.id} className="callback-item">
              <p>
                <a href={conversationHref(callback.conversationId)}>
                  {t('contact.pseudonym', { number: String(callback.pseudonym) })}
                </a>{' '}
                <span className={overdue ? 'callback-overdue' : undefined}>
                  {t(overdue ? 'callbacks.overdue' : 'callbacks.due', {
                    time: formatMessageTime(callback.dueAt, i18n.language, now),
                  })}
                </span>
                {callback.attempts > 0 && (
                  <span> · {t('callbacks.tries', { count: callback.attempts })}</span>
                )}
              </p>
              {callback.caseId ? (
                <a href={caseHref(callback.caseId)}>{t('callbacks.fromCase')}</a>
              ) : callback.recordingReady && callback.messageId ? (
                <>
                  {/* biome-ignore lint/a11y/useMediaCaption: a caller's voicemail has no captions; its transcription, when there is one, is the message's text */}
                  <audio
                    controls
                    preload="none"
                    src={`/api/messages/${encodeURIComponent(callback.messageId)}/media`}
                    aria-label={t('callbacks.recording')}
                  />
                  {callback.durationSeconds !== null && (
                    <p className="callback-muted">
                      {t('media.length', { duration: minutesAndSeconds(callback.durationSeconds) })}
                    </p>
                  )}
                </>
              ) : (
                <p className="callback-muted">{t('callbacks.recordingPending')}</p>
              )}
              {mayCall(callback.helplineId) && (
                <div className="callback-actions">
                  {number ? (
                    <a className="button-primary" href={`tel:${number}`}>
                      {t('callbacks.call', { number })}
                    </a>
                  ) : (
                    <button
                      type="button"
                      className="button-primary"
                      onClick={() =>
                        revealCallbackNumber(
                          callback.conversationId,
                          t(callback.caseId ? 'callbacks.reasonCase' : 'callbacks.reason'),
                        ).then(
                          (revealed) =>
                            revealed && setNumbers((all) => ({ ...all, [callback.id]: revealed })),
                          onError,
                        )
                      }
                    >
                      {t('callbacks.reveal')}
                    </button>
                  )}
                  {OUTCOMES.map((outcome) => (
                    <button
                      key={outcome}
                      type="button"
                      className="button-quiet"
                      onClick={() => markCallback(callback.id, outcome).then(reload, onError)}
                    >
                      {t(`callbacks.outcomes.${outcome}`)}
                    </button>
                  ))}
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

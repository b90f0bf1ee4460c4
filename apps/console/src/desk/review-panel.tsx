// The conversation's clinical review, for the helpline's supervisors and whoever handled it: what
// was asked, and the supervisor's feedback; a supervisor signs a waiting one off from here.
import type { ConversationView, ReviewView } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getReview, signOffReview } from '../api/desk.ts'
import { formatMessageTime } from './time-format.ts'

type Props = {
  conversation: ConversationView
  supervises: boolean
  onError: (error: unknown) => void
  /** The conversation's review changed here (signed off). */
  onChanged: () => void
}

export function ReviewPanel({ conversation, supervises, onError, onChanged }: Props) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [review, setReview] = useState<ReviewView | null>(null)
  const [feedback, setFeedback] = useState('')
  const [pending, setPending] = useState(false)

  useEffect(() => {
    if (!conversation.review) return setReview(null)
    let current = true
    getReview(conversation.id).then((answer) => current && setReview(answer.review), onError)
    return () => {
      current = false
    }
  }, [conversation.id, conversation.review, onError])

  if (!review) return null
  const time = (at: string) => formatMessageTime(at, i18n.language)

  async function signOff(event: FormEvent) {
    event.preventDefault()
    const text = feedback.trim()
    if (!text || !review) return
    setPending(true)
    try {
      setReview(await signOffReview(review.conversationId, text))
      setFeedback('')
      onChanged()
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="review-panel" aria-label={t('review.panel')}>
      <p>
        <strong>{t(`review.cause.${review.cause}`)}</strong>
        {review.requestedBy && ` · ${review.requestedBy.displayName}, ${time(review.requestedAt)}`}
        {review.request && ` · ${review.request}`}
      </p>
      {review.signedOffAt ? (
        <p className="review-feedback">
          <strong>
            {t('review.signedOff', {
              name: review.reviewer?.displayName ?? '',
              time: time(review.signedOffAt),
            })}
          </strong>{' '}
          {review.feedback}
        </p>
      ) : supervises ? (
        <form onSubmit={signOff}>
          <label htmlFor={id}>{t('review.feedback')}</label>
          <div className="composer-row">
            <textarea
              id={id}
              rows={2}
              required
              maxLength={4000}
              value={feedback}
              onChange={(event) => setFeedback(event.target.value)}
            />
            <button type="submit" className="button-primary" disabled={pending}>
              {t('review.signOff')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">{t('review.waiting')}</p>
      )}
    </section>
  )
}

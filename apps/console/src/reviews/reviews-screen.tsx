// Clinical reviews: for a supervisor, the conversations waiting for review (oldest first) and
// those signed off; for a volunteer, the feedback on the conversations they handled.
import type { ReviewView } from '@ascolto/protocol'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listReviews } from '../api/desk.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { formatMessageTime } from '../desk/time-format.ts'
import { conversationHref } from '../desk/use-hash-route.ts'

type Props = { supervises: boolean; onError: (error: unknown) => void }

export function ReviewsScreen({ supervises, onError }: Props) {
  const { t, i18n } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const ids = { heading: useId(), waiting: useId(), done: useId() }
  const [reviews, setReviews] = useState<ReviewView[] | null>(null)

  useEffect(() => {
    listReviews().then((list) => setReviews(list.reviews), onError)
  }, [onError])

  const time = (at: string) => formatMessageTime(at, i18n.language)
  const name = (review: ReviewView) => t('contact.pseudonym', { number: String(review.contactPseudonym) })
  const waiting = (reviews ?? []).filter((r) => !r.signedOffAt)
  const done = (reviews ?? []).filter((r) => r.signedOffAt)

  return (
    <main id="settings" className="settings-page reviews-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop headingId={ids.heading} heading={heading} title={t('reviews.title')} />
      {!reviews ? (
        <p className="muted" role="status">
          {t('reviews.loading')}
        </p>
      ) : (
        <>
          <section aria-labelledby={ids.waiting}>
            <h3 id={ids.waiting}>{t('reviews.waiting', { count: waiting.length })}</h3>
            {waiting.length === 0 && <p className="muted">{t('reviews.none')}</p>}
            <ul className="review-list">
              {waiting.map((review) => (
                <li key={review.conversationId}>
                  <a href={conversationHref(review.conversationId)}>{name(review)}</a>
                  {' · '}
                  {t(`review.cause.${review.cause}`)}
                  {review.handler && ` · ${review.handler.displayName}`}
                  {` · ${time(review.requestedAt)}`}
                  {review.request && <p className="muted">{review.request}</p>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby={ids.done}>
            <h3 id={ids.done}>{supervises ? t('reviews.done') : t('reviews.feedback')}</h3>
            {done.length === 0 && <p className="muted">{t('reviews.none')}</p>}
            <ul className="review-list">
              {done.map((review) => (
                <li key={review.conversationId}>
                  <a href={conversationHref(review.conversationId)}>{name(review)}</a>
                  {` · ${t('review.signedOff', {
                    name: review.reviewer?.displayName ?? '',
                    time: time(review.signedOffAt ?? review.requestedAt),
                  })}`}
                  <p>{review.feedback}</p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  )
}

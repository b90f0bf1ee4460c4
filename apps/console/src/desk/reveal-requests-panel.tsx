// Where revealing an address takes two people: the requests waiting on this conversation, for a
// supervisor to approve or refuse (not their own: another supervisor decides on those). Read again
// when the socket says one was asked (`version`); one left undecided for 24 hours is gone.
import type { ConversationView, RevealRequestView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { decideRevealRequest, listRevealRequests } from '../api/contacts.ts'
import { ApiError } from '../api/http.ts'
import { formatMessageTime } from './time-format.ts'

type Props = {
  conversation: ConversationView
  myId: string
  /** Grows when a request of this conversation changed. */
  version: number
  onError: (error: unknown) => void
}

export function RevealRequestsPanel({ conversation, myId, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const [requests, setRequests] = useState<RevealRequestView[]>([])
  const [decided, setDecided] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when to read again
  useEffect(() => {
    let current = true
    listRevealRequests(conversation.helplineId).then(
      (list) => current && setRequests(list.requests.filter((r) => r.conversationId === conversation.id)),
      onError,
    )
    return () => {
      current = false
    }
  }, [conversation.id, conversation.helplineId, onError, version])

  async function decide(request: RevealRequestView, decision: 'approve' | 'refuse') {
    try {
      await decideRevealRequest(request.id, decision)
      setRequests((all) => all.filter((r) => r.id !== request.id))
      setDecided(t(decision === 'approve' ? 'reveal.approved' : 'reveal.refused'))
    } catch (error) {
      onError(error)
      // decided by another supervisor meanwhile, or lapsed: it no longer waits
      const gone = error instanceof ApiError && (error.status === 409 || error.status === 410)
      if (gone) setRequests((all) => all.filter((r) => r.id !== request.id))
    }
  }

  return (
    <section
      className="reveal-requests"
      aria-label={t('reveal.requests')}
      hidden={requests.length === 0 && !decided}
    >
      {requests.length > 0 && <h3>{t('reveal.requests')}</h3>}
      {requests.map((request) => (
        <article key={request.id}>
          <p>
            {t('reveal.requestedBy', {
              name: request.requestedBy.displayName,
              time: formatMessageTime(request.createdAt, i18n.language),
            })}
            {' · '}
            {request.reason}
          </p>
          {request.requestedBy.id === myId ? (
            <p className="muted">{t('reveal.ownRequest')}</p>
          ) : (
            <div className="form-actions">
              <button type="button" className="button-primary" onClick={() => decide(request, 'approve')}>
                {t('reveal.approve')}
              </button>
              <button type="button" className="button-quiet" onClick={() => decide(request, 'refuse')}>
                {t('reveal.refuse')}
              </button>
            </div>
          )}
        </article>
      ))}
      {/* always there while the panel is, so the decision is announced */}
      <p role="status">{decided}</p>
    </section>
  )
}

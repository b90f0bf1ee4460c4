// "Persona #4821 is now yours": a conversation handed to this operator by someone else (a
// transfer, a supervisor's reassignment, automatic assignment) is said in words that stay until
// read, beside the chime, so it is not missed while the operator is busy with another person
// (the desk announces it once to screen readers; this region is not a live one, not to say it twice).
// So is a supervisor's block of the person in one of the operator's conversations: it closed.
import type { BlockNotice, ConversationView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import type { useLabels } from '../desk/labels.ts'
import { formatMessageTime } from '../desk/time-format.ts'
import { conversationHref } from '../desk/use-hash-route.ts'

type Props = {
  arrivals: readonly ConversationView[]
  blocks: readonly BlockNotice[]
  labels: ReturnType<typeof useLabels>
  onDismiss: (conversationId: string) => void
  onDismissBlock: (conversationId: string) => void
}

export function ArrivalNotice({ arrivals, blocks, labels, onDismiss, onDismissBlock }: Props) {
  const { t, i18n } = useTranslation()
  if (arrivals.length === 0 && blocks.length === 0) return null
  const notice = (id: string, text: string, more: string | null, dismiss: (id: string) => void) => (
    <div key={id} className="arrival">
      <p>{text}</p>
      {more && <span>{more}</span>}
      <a href={conversationHref(id)} onClick={() => dismiss(id)}>
        {t('workspace.openArrived')}
      </a>
      <button type="button" className="button-quiet" onClick={() => dismiss(id)}>
        {t('workspace.dismissArrived')}
      </button>
    </div>
  )
  return (
    <section className="arrival-notice" aria-label={t('workspace.arrivals')}>
      {arrivals.map((conversation) =>
        notice(
          conversation.id,
          t('workspace.arrived', { name: labels.pseudonym(conversation) }),
          null,
          onDismiss,
        ),
      )}
      {blocks.map((block) =>
        notice(
          block.conversationId,
          t('workspace.blockedBy', { name: labels.pseudonym(block), by: block.blockedBy.displayName }),
          block.until
            ? t('workspace.blockedUntil', { time: formatMessageTime(block.until, i18n.language) })
            : t('workspace.blockedUntilLifted'),
          onDismissBlock,
        ),
      )}
    </section>
  )
}

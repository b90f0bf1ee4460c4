// "Persona #4821 is now yours": a conversation handed to this operator by someone else (a
// transfer, a supervisor's reassignment, automatic assignment) is said in words that stay until
// read, beside the chime, so it is not missed while the operator is busy with another person
// (the desk announces it once to screen readers; this region is not a live one, not to say it twice).
import type { ConversationView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import type { useLabels } from '../desk/labels.ts'
import { conversationHref } from '../desk/use-hash-route.ts'

type Props = {
  arrivals: readonly ConversationView[]
  labels: ReturnType<typeof useLabels>
  onDismiss: (conversationId: string) => void
}

export function ArrivalNotice({ arrivals, labels, onDismiss }: Props) {
  const { t } = useTranslation()
  if (arrivals.length === 0) return null
  return (
    <section className="arrival-notice" aria-label={t('workspace.arrivals')}>
      {arrivals.map((conversation) => (
        <div key={conversation.id} className="arrival">
          <p>{t('workspace.arrived', { name: labels.pseudonym(conversation) })}</p>
          <a href={conversationHref(conversation.id)} onClick={() => onDismiss(conversation.id)}>
            {t('workspace.openArrived')}
          </a>
          <button type="button" className="button-quiet" onClick={() => onDismiss(conversation.id)}>
            {t('workspace.dismissArrived')}
          </button>
        </div>
      ))}
    </section>
  )
}

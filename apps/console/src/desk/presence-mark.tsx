// Whether the person is still in the conversation: left it (ended the chat, or their page was
// closed past the grace time) while a volunteer is in it, or away right now (no connection, they
// may come back). Nothing while they are there: a note in the conversation says when they return.
import type { ConversationView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'

export function PresenceMark({ conversation }: { conversation: ConversationView }) {
  const { t, i18n } = useTranslation()
  const time = (at: string) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'it', { hour: '2-digit', minute: '2-digit' }).format(
      new Date(at),
    )
  if (conversation.personLeftAt && conversation.status !== 'closed')
    return (
      <span className="mark person-left">
        {t('marks.personLeft', { time: time(conversation.personLeftAt) })}
      </span>
    )
  if (conversation.personAwaySince && conversation.status !== 'closed')
    return (
      <span className="mark person-away">
        {t('marks.personAway', { time: time(conversation.personAwaySince) })}
      </span>
    )
  return null
}

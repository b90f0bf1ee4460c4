// On a channel with a reply window (WhatsApp: 24 hours after the person last wrote), what a
// reply will do now: go at once, or wait, held, while the approved template asks the person to
// answer. Shown above the reply box, and announced when it changes.
import type { ConversationView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { formatMessageTime } from './time-format.ts'
import { useNow } from './use-now.ts'

export function ReplyWindowNote({ conversation }: { conversation: ConversationView }) {
  const { t, i18n } = useTranslation()
  const now = useNow()
  if (!conversation.replyWindowClosesAt) return null
  const closesAt = Date.parse(conversation.replyWindowClosesAt)
  const open = closesAt > now
  return (
    <p className={`reply-window ${open ? 'reply-window-open' : 'reply-window-closed'}`} role="status">
      {open
        ? t('replyWindow.open', {
            time: formatMessageTime(conversation.replyWindowClosesAt, i18n.resolvedLanguage ?? 'it'),
          })
        : t('replyWindow.closed')}
    </p>
  )
}

// The messages of the open conversation: the person's on the left, the replies on the right,
// notes apart. It keeps to the newest message unless the operator has scrolled up to read.
import type { ConversationView, MessageStatus, MessageView } from '@ascolto/protocol'
import { useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { useLabels } from './labels.ts'
import { formatMessageTime } from './time-format.ts'

type Props = {
  conversation: ConversationView
  messages: MessageView[]
  myId: string
  labels: ReturnType<typeof useLabels>
}

// how close to the end still counts as "reading the newest"
const NEAR_BOTTOM = 80

export function MessageList({ conversation, messages, myId, labels }: Props) {
  const { t, i18n } = useTranslation()
  const scroller = useRef<HTMLElement>(null)
  const followNewest = useRef(true)
  const language = i18n.resolvedLanguage ?? 'it'

  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation starts at its end
  useLayoutEffect(() => {
    followNewest.current = true
  }, [conversation.id])

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when messages arrive
  useLayoutEffect(() => {
    const element = scroller.current
    if (element && followNewest.current) element.scrollTop = element.scrollHeight
  }, [messages, conversation.id])

  const statusLabel = (status: MessageStatus) => t(`message.status.${status}`)

  function author(message: MessageView) {
    if (message.direction === 'inbound') return labels.pseudonym(conversation)
    if (message.author?.id === myId) return t('message.you')
    return message.author?.displayName ?? ''
  }

  return (
    <section
      ref={scroller}
      className="messages"
      aria-label={t('conversation.messages')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region with nothing focusable inside must take focus itself, or the keyboard cannot scroll it (WCAG 2.1.1)
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget
        followNewest.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM
      }}
    >
      {messages.length === 0 ? (
        <p className="muted">{t('conversation.noMessages')}</p>
      ) : (
        <ol className="message-list">
          {messages.map((message) => (
            <li key={message.id} className={`message message-${message.direction}`}>
              <p className="message-meta">
                {message.direction === 'note' && <span className="note-mark">{t('message.note')} · </span>}
                {author(message)} ·{' '}
                <time dateTime={message.createdAt}>{formatMessageTime(message.createdAt, language)}</time>
              </p>
              <p className="message-text">
                {message.kind === 'text' || message.text
                  ? message.text
                  : t('message.unsupported', { kind: message.kind })}
              </p>
              {message.direction === 'outbound' && (
                <p className={`message-status status-${message.status}`}>{statusLabel(message.status)}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

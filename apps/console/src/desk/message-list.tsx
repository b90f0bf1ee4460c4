// The messages of the open conversation: the person's on the left, the replies on the right,
// notes apart. It keeps to the newest message unless the operator has scrolled up to read.

import type { ConversationView, MessageView } from '@ascolto/protocol'
import { withoutOverrides } from '@ascolto/protocol/links'
import { useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChosenHideReason } from '../api/moderation.ts'
import type { useLabels } from './labels.ts'
import { MessageItem } from './message-item.tsx'

type Props = {
  conversation: ConversationView
  messages: MessageView[]
  myId: string
  labels: ReturnType<typeof useLabels>
  onHide: (messageId: string, reason: ChosenHideReason) => Promise<boolean>
}

// how close to the end still counts as "reading the newest"
const NEAR_BOTTOM = 80

export function MessageList({ conversation, messages, myId, labels, onHide }: Props) {
  const { t } = useTranslation()
  const scroller = useRef<HTMLElement>(null)
  const followNewest = useRef(true)

  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation starts at its end
  useLayoutEffect(() => {
    followNewest.current = true
  }, [conversation.id])

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when messages arrive
  useLayoutEffect(() => {
    const element = scroller.current
    if (element && followNewest.current) element.scrollTop = element.scrollHeight
  }, [messages, conversation.id])

  function author(message: MessageView) {
    if (message.direction === 'inbound') return labels.pseudonym(conversation)
    if (message.author?.id === myId) return t('message.you')
    if (message.author) return withoutOverrides(message.author.displayName)
    // written by Ascolto itself: the helpline's automatic replies, a channel's approved template
    return message.kind === 'template' ? t('message.template') : t('message.automatic')
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
            <MessageItem
              key={message.id}
              message={message}
              author={author(message)}
              helplineId={conversation.helplineId}
              myId={myId}
              onHide={onHide}
            />
          ))}
        </ol>
      )}
    </section>
  )
}

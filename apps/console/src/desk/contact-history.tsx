// The person's earlier conversations with this helpline (those retention has kept), under the
// same pseudonym: when, on which channel, who answered, what they were about. Folded by default.
import type { ContactHistory, ConversationView, DeskSetup } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getHistory } from '../api/desk.ts'
import type { useLabels } from './labels.ts'
import { localized } from './use-desk-setup.ts'
import { conversationHref } from './use-hash-route.ts'

type Props = {
  conversation: ConversationView
  setup: DeskSetup | undefined
  labels: ReturnType<typeof useLabels>
}

export function ContactHistoryPanel({ conversation, setup, labels }: Props) {
  const { t, i18n } = useTranslation()
  const [history, setHistory] = useState<ContactHistory['conversations']>([])
  const earlier = conversation.earlierConversations

  useEffect(() => {
    if (earlier === 0) return setHistory([])
    let current = true
    // a failure leaves the panel out: the conversation itself still works
    getHistory(conversation.id).then(
      (answer) => current && setHistory(answer.conversations),
      () => {},
    )
    return () => {
      current = false
    }
  }, [conversation.id, earlier])

  if (history.length === 0) return null
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  const category = (id: string) => {
    const known = setup?.desk.categories?.find((c) => c.id === id)
    return known ? localized(known.label, i18n.language, setup?.languages) : id
  }
  return (
    <details className="contact-history">
      <summary>{t('history.title', { count: history.length })}</summary>
      <ul>
        {history.map(({ conversation: past, categories }) => (
          <li key={past.id}>
            <a href={conversationHref(past.id)}>{date.format(new Date(past.openedAt))}</a>
            {' · '}
            {labels.channel(past.channelKind)}
            {' · '}
            {labels.status(past)}
            {categories.length > 0 && ` · ${categories.map(category).join(', ')}`}
          </li>
        ))}
      </ul>
    </details>
  )
}

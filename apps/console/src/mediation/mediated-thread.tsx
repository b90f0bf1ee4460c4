// The conversation a mediator is in: who wrote each message (the person, an operator by name, the
// mediator), the private notes marked as such, and a box with two ways out.
import type { MediatedConversation, MediatorTitle } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLanguageName } from '../settings/sections.ts'
import { writeMessage } from './mediation-api.ts'

type Props = { conversation: MediatedConversation; title: MediatorTitle; onError: (error: unknown) => void }

export function MediatedThread({ conversation, title, onError }: Props) {
  const { t, i18n } = useTranslation()
  const languageName = useLanguageName()
  const [text, setText] = useState('')
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' })
  const send = (toOperator: boolean) => {
    if (!text.trim()) return
    writeMessage(conversation.conversationId, text.trim(), toOperator).then(() => setText(''), onError)
  }
  return (
    <section aria-labelledby="mediated-title">
      <h2 id="mediated-title">
        {t('mediation.inConversation', { language: languageName(conversation.language) })}
      </h2>
      <p className="muted">
        {conversation.operator
          ? t('mediation.withOperator', { name: conversation.operator.displayName })
          : t('mediation.noOperator')}
      </p>
      <ol className="mediated-messages">
        {conversation.messages.map((message) => (
          <li key={message.id} className={message.direction}>
            <span className="who">
              {message.direction === 'inbound'
                ? t('mediation.person')
                : message.direction === 'note'
                  ? t('mediation.privateFrom', { name: message.author?.displayName ?? '' })
                  : (message.author?.displayName ?? t('mediation.automatic'))}
              {' · '}
              {time.format(new Date(message.createdAt))}
            </span>
            <p dir="auto">{message.text}</p>
          </li>
        ))}
      </ol>
      <form className="mediator-composer" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="mediator-text">{t('mediation.write')}</label>
        <textarea
          id="mediator-text"
          dir="auto"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="buttons">
          <button
            type="button"
            className="button-primary"
            disabled={!text.trim()}
            onClick={() => send(false)}
          >
            {t('mediation.toPerson', { title: t(`mediation.titles.${title}`) })}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={!text.trim()}
            onClick={() => send(true)}
          >
            {t('mediation.toOperator')}
          </button>
        </div>
      </form>
    </section>
  )
}

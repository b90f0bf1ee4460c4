// The open conversation: who and where, what can be done with it, its messages, the reply box.
// What the desk knows around it is in the side panel beside it (workspace/side-panel.tsx).
import type { ConversationDetail, ConversationView } from '@ascolto/protocol'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChosenHideReason } from '../api/moderation.ts'
import { MediationBar } from '../mediation/mediation-bar.tsx'
import { RiskBadge } from '../risk/risk-badge.tsx'
import { VisitorSignals } from '../widget-signals/visitor-signals.tsx'
import { BlockNote } from '../workspace/block-note.tsx'
import { Composer } from './composer.tsx'
import { type ConversationActionHandlers, ConversationActions } from './conversation-actions.tsx'
import type { DeskTools } from './desk-tools.tsx'
import type { useLabels } from './labels.ts'
import { MessageList } from './message-list.tsx'
import { PresenceMark } from './presence-mark.tsx'
import { ReplyWindowNote } from './reply-window-note.tsx'
import { QUEUE_HREF } from './use-hash-route.ts'

// the width under which the desk shows the queue or the conversation, not both (as in desk.css)
const NARROW = '(max-width: 47.99rem)'

type Props = ConversationActionHandlers & {
  selectedId: string | null
  detail: ConversationDetail | null
  failed: boolean
  myId: string
  labels: ReturnType<typeof useLabels>
  helplineName: (helplineId: string) => string | undefined
  canClose: (conversation: ConversationView) => boolean
  canUnblock: (conversation: ConversationView) => boolean
  /** Answers true once lifted. */
  onUnblock: (id: string) => Promise<boolean>
  canHold: (conversation: ConversationView) => boolean
  draft: string
  onDraftChange: (text: string) => void
  onSend: (id: string, text: string) => Promise<unknown>
  onAttach: (id: string, file: { mimeType: string; data: string }, draft: string) => Promise<unknown>
  onHide: (messageId: string, reason: ChosenHideReason) => Promise<boolean>
  desk: DeskTools
  /** Narrower than the three parts: whether the side panel is shown in the conversation's place. */
  sideOpen: boolean
  onSideOpen: (open: boolean) => void
}

export function ConversationPane(props: Props) {
  const { selectedId, detail, myId, labels } = props
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const focusedFor = useRef<string | null>(null)
  const conversation = detail?.conversation.id === selectedId ? detail?.conversation : undefined

  useEffect(() => {
    // on a phone the queue item that was activated has gone: focus goes to what replaced it
    if (!conversation || focusedFor.current === conversation.id) return
    focusedFor.current = conversation.id
    if (window.matchMedia(NARROW).matches) heading.current?.focus()
  }, [conversation])

  // a change of hands removes the button that was pressed (take, close, block), here or from elsewhere:
  // focus stays in the conversation rather than falling back to the top of the page
  const stage = conversation && `${conversation.status}:${conversation.assignee?.id}`
  useEffect(() => {
    if (stage && document.activeElement === document.body) heading.current?.focus()
  }, [stage])

  const assignedToMe = conversation?.status === 'open' && conversation.assignee?.id === myId
  const helpline = conversation && props.helplineName(conversation.helplineId)

  return (
    <main id="conversation" className="conversation" tabIndex={-1}>
      {selectedId && (
        <a className="back-link" href={QUEUE_HREF}>
          <span aria-hidden="true">← </span>
          {t('conversation.back')}
        </a>
      )}
      {!selectedId || props.failed ? (
        <p className="conversation-placeholder muted">{t('conversation.none')}</p>
      ) : !conversation || !detail ? (
        <p className="conversation-placeholder muted" role="status">
          {t('conversation.loading')}
        </p>
      ) : (
        <>
          <header className="conversation-header">
            <div className="conversation-title">
              <h2 ref={heading} tabIndex={-1}>
                {labels.pseudonym(conversation)}
              </h2>
              <p className="conversation-meta">
                {labels.conversationDoor(conversation)}
                {helpline && ` · ${helpline}`}
                {' · '}
                <span className={`conversation-status status-${conversation.status}`}>
                  {labels.status(conversation)}
                </span>
                {conversation.language && (
                  <>
                    {' · '}
                    <span className="conversation-language">
                      {t('conversation.language', { name: labels.language(conversation.language) })}
                    </span>
                  </>
                )}
                {conversation.riskLevel !== 'none' && ' · '}
                <RiskBadge level={conversation.riskLevel} /> <PresenceMark conversation={conversation} />
              </p>
              <button
                type="button"
                className="button-quiet side-toggle"
                aria-expanded={props.sideOpen}
                aria-controls="side-panel"
                onClick={() => props.onSideOpen(true)}
              >
                {t('workspace.openSide')}
                {conversation.flags.some((f) => !f.acknowledged) && ` · ${t('workspace.openFlag')}`}
              </button>
            </div>
            <ConversationActions
              conversation={conversation}
              legalHoldAt={detail.legalHoldAt}
              pseudonym={labels.pseudonym(conversation)}
              canClose={props.canClose(conversation)}
              canHold={props.canHold(conversation)}
              assignedToMe={assignedToMe}
              myId={myId}
              desk={props.desk}
              onTake={props.onTake}
              onClose={props.onClose}
              onBlock={props.onBlock}
              onRedirect={props.onRedirect}
              onLegalHold={props.onLegalHold}
            />
          </header>
          <BlockNote
            key={conversation.id}
            detail={detail}
            canUnblock={props.canUnblock(conversation)}
            onUnblock={() => props.onUnblock(conversation.id)}
          />
          <ReplyWindowNote conversation={conversation} />
          <MediationBar conversation={conversation} canAsk={props.canClose(conversation)} />
          <MessageList
            conversation={conversation}
            messages={detail.messages}
            myId={myId}
            labels={labels}
            onHide={props.onHide}
          />
          <VisitorSignals detail={detail} draft={assignedToMe ? props.draft : ''} />
          <Composer
            key={conversation.id}
            cannedReplies={props.desk.setupOf(conversation.helplineId)?.cannedReplies}
            enabled={assignedToMe}
            disabledReason={
              conversation.status === 'closed' ? t('composer.closed') : t('composer.notAssigned')
            }
            draft={props.draft}
            onDraftChange={props.onDraftChange}
            onSend={(text) => props.onSend(conversation.id, text)}
            onAttach={
              conversation.canAttach
                ? (file) => props.onAttach(conversation.id, file, props.draft)
                : undefined
            }
          />
        </>
      )}
    </main>
  )
}

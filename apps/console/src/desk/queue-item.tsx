// One conversation in the queue, a link to it. Its accessible name is what it shows, in order:
// the pseudonym first, then its risk, the time, channel, due time, marks and preview (WCAG 2.5.3: the
// visible words are part of the name).
import type { ConversationView } from '@ascolto/protocol'
import { withoutOverrides } from '@ascolto/protocol/links'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { RiskBadge } from '../risk/risk-badge.tsx'
import type { useLabels } from './labels.ts'
import { PresenceMark } from './presence-mark.tsx'
import { formatElapsed, minutesAndSeconds } from './time-format.ts'
import type { QueueTab } from './updates.ts'
import { conversationHref } from './use-hash-route.ts'

type Props = {
  conversation: ConversationView
  tab: QueueTab
  now: number
  selected: boolean
  hasDraft: boolean
  labels: ReturnType<typeof useLabels>
  helplineName: string | undefined
}

/** "Segreteria · 0:14 · " and its transcription, or "messaggio vocale" while it has none. */
function VoicemailPreview({
  voicemail,
  text,
}: {
  voicemail: NonNullable<ConversationView['previewVoicemail']>
  text: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <span className="mark voicemail">
        {voicemail.durationSeconds === null
          ? t('queue.voicemail')
          : t('queue.voicemailLength', { duration: minutesAndSeconds(voicemail.durationSeconds) })}
      </span>{' '}
      {text || t('queue.voicemailNoText')}
    </>
  )
}

export function QueueItem({ conversation, tab, now, selected, hasDraft, labels, helplineName }: Props) {
  const { t, i18n } = useTranslation()
  const id = useId()
  // waiting: since the person wrote in; mine: since the last message either way
  const since = tab === 'waiting' ? conversation.openedAt : conversation.lastMessageAt
  const elapsed =
    formatElapsed(now - Date.parse(since), i18n.resolvedLanguage ?? 'it') ?? t('time.lessThanMinute')
  const due = conversation.dueAt ? new Date(conversation.dueAt) : undefined
  const overdue = due !== undefined && due.getTime() < now
  const dueLabel = due
    ? new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'it', {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(due)
    : undefined

  return (
    <li>
      <a
        id={`queue-item-${conversation.id}`}
        className="queue-item"
        href={conversationHref(conversation.id)}
        aria-current={selected ? 'page' : undefined}
      >
        <span className="queue-item-top">
          <span id={`${id}-name`} className="pseudonym">
            {labels.pseudonym(conversation)}
          </span>
          <RiskBadge id={`${id}-risk`} level={conversation.riskLevel} />
          <span id={`${id}-time`} className="elapsed">
            <span className="visually-hidden">
              {t(tab === 'waiting' ? 'queue.waitingFor' : 'queue.lastMessage')}{' '}
            </span>
            {elapsed}
          </span>
        </span>
        <span id={`${id}-channel`} className="channel">
          {labels.conversationDoor(conversation)}
          {helplineName && ` · ${helplineName}`}
        </span>
        {tab === 'waiting' && dueLabel && (
          <span id={`${id}-due`} className={overdue ? 'due overdue' : 'due'}>
            {overdue ? t('queue.overdue', { time: dueLabel }) : t('queue.dueBy', { time: dueLabel })}
          </span>
        )}
        <span id={`${id}-marks`} className="queue-marks">
          <span className={conversation.earlierConversations > 0 ? 'mark returning' : 'mark new'}>
            {conversation.earlierConversations > 0
              ? t('marks.returning', { count: conversation.earlierConversations })
              : t('marks.new')}
          </span>
          {conversation.unread > 0 && tab === 'mine' && (
            <span className="mark unread">{t('marks.unread', { count: conversation.unread })}</span>
          )}
          {conversation.flags.map((flag, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the flags of a conversation only grow, in order
            <span key={index} className={flag.acknowledged ? 'mark flag' : 'mark flag flag-open'}>
              {t(`flag.kinds.${flag.kind}`)}
            </span>
          ))}
          {conversation.helpRequested && <span className="mark help">{t('help.waiting')}</span>}
          <PresenceMark conversation={conversation} />
          {/* a language other than the console's own: the one a reader needs to notice */}
          {conversation.language && conversation.language !== (i18n.resolvedLanguage ?? 'it') && (
            <span className="mark language" lang={conversation.language}>
              {labels.language(conversation.language)}
            </span>
          )}
        </span>
        <span id={`${id}-preview`} className="preview">
          {conversation.previewVoicemail ? (
            <VoicemailPreview
              voicemail={conversation.previewVoicemail}
              text={withoutOverrides(conversation.preview)}
            />
          ) : (
            withoutOverrides(conversation.preview)
          )}
        </span>
        {hasDraft && (
          <span id={`${id}-draft`} className="draft-mark">
            {t('queue.draft')}
          </span>
        )}
      </a>
    </li>
  )
}

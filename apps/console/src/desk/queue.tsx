// The queue as two tabs, "waiting" and "mine" (the WAI-ARIA tabs pattern: arrow keys move
// between tabs, Tab goes into the list).
import type { KeyboardEvent, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { useLabels } from './labels.ts'
import { QueueItem } from './queue-item.tsx'
import type { Queue as QueueLists, QueueTab } from './updates.ts'
import { useNow } from './use-now.ts'

const TABS: QueueTab[] = ['waiting', 'mine']

type Props = {
  queue: QueueLists
  loaded: boolean
  tab: QueueTab
  onTabChange: (tab: QueueTab) => void
  selectedId: string | null
  drafts: Record<string, string>
  labels: ReturnType<typeof useLabels>
  helplineName: (helplineId: string) => string | undefined
  /** Above the tabs: the operator's availability, the way to the supervisor's room. */
  top?: ReactNode
}

export function Queue({
  queue,
  loaded,
  tab,
  onTabChange,
  selectedId,
  drafts,
  labels,
  helplineName,
  top,
}: Props) {
  const { t } = useTranslation()
  const now = useNow()

  function moveBetweenTabs(event: KeyboardEvent<HTMLButtonElement>) {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -TABS.length, End: TABS.length }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const index = Math.min(TABS.length - 1, Math.max(0, TABS.indexOf(tab) + step))
    const next = TABS[index] ?? tab
    onTabChange(next)
    document.getElementById(`queue-tab-${next}`)?.focus()
  }

  return (
    <nav className="queue" aria-label={t('queue.label')}>
      {top}
      <div className="queue-tabs" role="tablist" aria-label={t('queue.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`queue-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`queue-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => onTabChange(name)}
            onKeyDown={moveBetweenTabs}
          >
            {t(`queue.${name}`)} <span className="count">{queue[name].length}</span>
          </button>
        ))}
      </div>
      {TABS.map((name) => (
        <div
          key={name}
          id={`queue-panel-${name}`}
          className="queue-panel"
          role="tabpanel"
          aria-labelledby={`queue-tab-${name}`}
          hidden={tab !== name}
        >
          {!loaded ? (
            <p className="muted queue-note">{t('app.loading')}</p>
          ) : queue[name].length === 0 ? (
            <p className="muted queue-note">
              {t(name === 'waiting' ? 'queue.emptyWaiting' : 'queue.emptyMine')}
            </p>
          ) : (
            <ul className="queue-list">
              {queue[name].map((conversation) => (
                <QueueItem
                  key={conversation.id}
                  conversation={conversation}
                  tab={name}
                  now={now}
                  selected={conversation.id === selectedId}
                  hasDraft={Boolean(drafts[conversation.id]?.trim())}
                  labels={labels}
                  helplineName={helplineName(conversation.helplineId)}
                />
              ))}
            </ul>
          )}
        </div>
      ))}
    </nav>
  )
}

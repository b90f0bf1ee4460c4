// What can be done with the open conversation, in the order it usually happens: take it, close it,
// block the person (rare, asked in a dialog), lift a block (supervisors, on a closed conversation).
import type { BlockBody, ConversationView } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BlockDialog } from './block-dialog.tsx'

export type ConversationActionHandlers = {
  onTake: (id: string) => Promise<unknown>
  onClose: (id: string) => Promise<unknown>
  /** Rejects when refused, so the dialog can say why. */
  onBlock: (id: string, body: BlockBody) => Promise<void>
  /** Answers true once lifted. */
  onUnblock: (id: string) => Promise<boolean>
}

type Props = ConversationActionHandlers & {
  conversation: ConversationView
  pseudonym: string
  canClose: boolean
  canUnblock: boolean
}

export function ConversationActions({ conversation, pseudonym, canClose, canUnblock, ...handlers }: Props) {
  const { t } = useTranslation()
  const [pending, setPending] = useState(false)
  // which conversation's person was just unblocked: the confirmation belongs to it alone
  const [unblockedId, setUnblockedId] = useState<string | null>(null)

  async function run(action: () => Promise<unknown>) {
    setPending(true)
    try {
      await action()
    } finally {
      setPending(false)
    }
  }

  const { id, status } = conversation
  return (
    <div className="conversation-actions">
      {status === 'waiting' && (
        <button
          type="button"
          className="button-primary"
          disabled={pending}
          onClick={() => run(() => handlers.onTake(id))}
        >
          {t('conversation.take')}
        </button>
      )}
      {canClose && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={() => run(() => handlers.onClose(id))}
        >
          {t('conversation.close')}
        </button>
      )}
      {status !== 'closed' && (
        <BlockDialog name={pseudonym} disabled={pending} onBlock={(body) => handlers.onBlock(id, body)} />
      )}
      {status === 'closed' && canUnblock && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={() =>
            run(async () => {
              setUnblockedId(null)
              if (await handlers.onUnblock(id)) setUnblockedId(id)
            })
          }
        >
          {t('conversation.unblock')}
        </button>
      )}
      {/* always there, so the confirmation is announced when it appears */}
      <p className="action-status" role="status">
        {unblockedId === id ? t('conversation.unblocked') : ''}
      </p>
    </div>
  )
}

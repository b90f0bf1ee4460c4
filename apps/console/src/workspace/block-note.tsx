// Under the conversation's header while its person is blocked: until when (or until someone lifts
// it), and, to those who may (supervisors, coordinators), the button that lifts it. The status is
// always in the page, so "unblocked" is announced when the block goes.
import type { ConversationDetail } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMessageTime } from '../desk/time-format.ts'

type Props = {
  detail: ConversationDetail
  canUnblock: boolean
  /** Answers true once lifted. */
  onUnblock: () => Promise<boolean>
}

export function BlockNote({ detail, canUnblock, onUnblock }: Props) {
  const { t, i18n } = useTranslation()
  const [lifted, setLifted] = useState(false)
  const [pending, setPending] = useState(false)
  const { blocked } = detail
  return (
    <div className={blocked ? 'block-note' : 'block-note block-note-empty'}>
      <p role="status">
        {blocked
          ? blocked.until
            ? t('workspace.blockedUntil', { time: formatMessageTime(blocked.until, i18n.language) })
            : t('workspace.blockedUntilLifted')
          : lifted
            ? t('conversation.unblocked')
            : ''}
      </p>
      {blocked && canUnblock && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={async () => {
            setPending(true)
            try {
              setLifted(await onUnblock())
            } finally {
              setPending(false)
            }
          }}
        >
          {t('conversation.unblock')}
        </button>
      )}
    </div>
  )
}

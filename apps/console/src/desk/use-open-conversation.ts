import type { ConversationDetail, ConversationView, MessageView } from '@ascolto/protocol'
import { useCallback, useEffect, useState } from 'react'
import { getConversation } from '../api/conversations.ts'
import { SnapshotReads } from './snapshot-reads.ts'
import { upsertMessage, withKnownPreview } from './updates.ts'

/**
 * The conversation on screen with its messages, loaded when chosen and kept current by pushed
 * changes. `revealsHidden` says whether the operator may read hidden messages in a helpline.
 */
export function useOpenConversation(
  id: string | null,
  onError: (error: unknown) => void,
  revealsHidden: (helplineId: string) => boolean,
) {
  const [detail, setDetail] = useState<ConversationDetail | null>(null)
  const [generation, setGeneration] = useState(0)
  const [failedId, setFailedId] = useState<string | null>(null)
  const [reads] = useState(() => new SnapshotReads<ConversationDetail | null>(setDetail))

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation asks for a reload
  useEffect(() => {
    if (!id) {
      setDetail(null)
      return
    }
    // an answer for a conversation no longer chosen is dropped
    let current = true
    setDetail((shown) => (shown?.conversation.id === id ? shown : null))
    setFailedId(null)
    reads
      .read(() => getConversation(id))
      .catch((error) => {
        if (!current) return
        setFailedId(id)
        onError(error)
      })
    return () => {
      current = false
      reads.cancel()
    }
  }, [id, generation, onError])

  const reload = useCallback(() => setGeneration((n) => n + 1), [])

  const applyConversation = useCallback(
    (conversation: ConversationView) => {
      reads.apply((shown) =>
        shown?.conversation.id === conversation.id
          ? { ...shown, conversation: withKnownPreview(conversation, shown.conversation) }
          : shown,
      )
    },
    [reads],
  )

  const applyMessage = useCallback(
    (message: MessageView) => {
      reads.apply((shown) =>
        shown?.conversation.id === message.conversationId
          ? {
              ...shown,
              messages: upsertMessage(shown.messages, message, {
                revealHidden: revealsHidden(shown.conversation.helplineId),
              }),
            }
          : shown,
      )
    },
    [reads, revealsHidden],
  )

  /** True when the chosen conversation could not be read (gone, not ours, offline). */
  const failed = id !== null && failedId === id && detail?.conversation.id !== id
  return { detail, failed, reload, applyConversation, applyMessage }
}

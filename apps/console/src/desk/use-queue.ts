import type { ConversationView } from '@ascolto/protocol'
import { useCallback, useState } from 'react'
import { listConversations } from '../api/conversations.ts'
import { SnapshotReads } from './snapshot-reads.ts'
import { emptyQueue, placeConversation, type Queue, removeConversations, sortedQueue } from './updates.ts'

/** The two lists of the queue: loaded whole, then kept current by pushed changes. */
export function useQueue(myId: string, onError: (error: unknown) => void) {
  const [queue, setQueue] = useState<Queue>(emptyQueue)
  const [loaded, setLoaded] = useState(false)
  const [reads] = useState(() => new SnapshotReads<Queue>(setQueue))

  const reload = useCallback(async () => {
    try {
      const current = await reads.read(async () => {
        const [waiting, mine] = await Promise.all([listConversations('waiting'), listConversations('mine')])
        return sortedQueue({ waiting, mine })
      })
      if (current) setLoaded(true)
    } catch (error) {
      onError(error)
    }
  }, [reads, onError])

  const place = useCallback(
    (conversation: ConversationView) =>
      reads.apply((current) => placeConversation(current, conversation, myId)),
    [reads, myId],
  )

  const remove = useCallback(
    (ids: readonly string[]) => reads.apply((current) => removeConversations(current, ids)),
    [reads],
  )

  return { queue, loaded, reload, place, remove }
}

import type { ConversationView } from '@ascolto/protocol'
import { useCallback, useState } from 'react'
import { listConversations } from '../api/conversations.ts'
import { emptyQueue, placeConversation, type Queue, removeConversations, sortedQueue } from './updates.ts'

/** The two lists of the queue: loaded whole, then kept current by pushed changes. */
export function useQueue(myId: string, onError: (error: unknown) => void) {
  const [queue, setQueue] = useState<Queue>(emptyQueue)
  const [loaded, setLoaded] = useState(false)

  const reload = useCallback(async () => {
    try {
      const [waiting, mine] = await Promise.all([listConversations('waiting'), listConversations('mine')])
      setQueue(sortedQueue({ waiting, mine }))
      setLoaded(true)
    } catch (error) {
      onError(error)
    }
  }, [onError])

  const place = useCallback(
    (conversation: ConversationView) => setQueue((current) => placeConversation(current, conversation, myId)),
    [myId],
  )

  const remove = useCallback(
    (ids: readonly string[]) => setQueue((current) => removeConversations(current, ids)),
    [],
  )

  return { queue, loaded, reload, place, remove }
}

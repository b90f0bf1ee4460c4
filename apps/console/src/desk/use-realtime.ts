// The socket for as long as the desk is on screen. Handlers are read through a ref, so the
// socket is opened once and not again at every render.
import type {
  BlockNotice,
  CaseChange,
  ConversationView,
  FlagAlert,
  HelpRequest,
  MessageView,
  ReferralChange,
  RevealRequestChange,
} from '@ascolto/protocol'
import { useEffect, useRef, useState } from 'react'
import { connectConsole } from '../api/realtime.ts'

export type RealtimeHandlers = {
  /** Connected, the first time or again: whatever was missed meanwhile must be fetched. */
  onConnect: () => void
  onConversation: (conversation: ConversationView) => void
  /** Gone for good: their person was erased. */
  onRemoved: (conversationIds: string[]) => void
  /** `created`: a new message; otherwise a change to one already sent (status, hidden). */
  onMessage: (message: MessageView, created: boolean) => void
  onUnauthenticated: () => void
  onFlag?: (flag: FlagAlert) => void
  onHelpRequest?: (request: HelpRequest) => void
  /** A request to see an address: asked (in one of the operator's helplines), or theirs decided or used. */
  onRevealRequest?: (change: RevealRequestChange) => void
  /** A case changed: its id, state and conversations, never what it holds. */
  onCase?: (change: CaseChange) => void
  /** A referral arrived at one of the operator's helplines or changed: ids and its state. */
  onReferral?: (change: ReferralChange) => void
  /** A supervisor blocked the person of a conversation assigned to this operator. */
  onBlocked?: (notice: BlockNotice) => void
  /** A call-back of one of the operator's helplines was asked for, scheduled or tried. */
  onCallbacks?: (helplineId: string) => void
  /** A coordinator changed the helpline's settings or canned replies: its desk is read again. */
  onDeskChanged?: (helplineId: string) => void
  /** The server lost its database (true) or reached it again (false). */
  onDatabaseLost?: (lost: boolean) => void
}

const RETRY_AFTER_REFUSAL = 15_000

/** Opens the console socket; answers whether it is connected. */
export function useRealtime(handlers: RealtimeHandlers): boolean {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  const [connected, setConnected] = useState(true)

  useEffect(() => {
    const socket = connectConsole()
    let retry: ReturnType<typeof setTimeout> | undefined
    socket.on('connect', () => {
      setConnected(true)
      latest.current.onConnect()
    })
    socket.on('disconnect', () => setConnected(false))
    socket.on('connect_error', (error) => {
      setConnected(false)
      if (error.message === 'ASCOLTO_ERR_UNAUTHENTICATED') return latest.current.onUnauthenticated()
      // refused by the server's middleware, socket.io does not retry by itself
      if (!socket.active) retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL)
    })
    socket.on('conversation.updated', (conversation) => latest.current.onConversation(conversation))
    socket.on('conversation.removed', ({ conversationIds }) => latest.current.onRemoved(conversationIds))
    socket.on('message.created', (message) => latest.current.onMessage(message, true))
    socket.on('message.updated', (message) => latest.current.onMessage(message, false))
    socket.on('flag.updated', (flag) => latest.current.onFlag?.(flag))
    socket.on('help.requested', (request) => latest.current.onHelpRequest?.(request))
    socket.on('reveal-request.updated', (change) => latest.current.onRevealRequest?.(change))
    socket.on('case.changed', (change) => latest.current.onCase?.(change))
    socket.on('referral.changed', (change) => latest.current.onReferral?.(change))
    socket.on('contact.blocked', (notice) => latest.current.onBlocked?.(notice))
    socket.on('callbacks.changed', ({ helplineId }) => latest.current.onCallbacks?.(helplineId))
    socket.on('desk.changed', ({ helplineId }) => latest.current.onDeskChanged?.(helplineId))
    socket.on('service.state', ({ database }) => latest.current.onDatabaseLost?.(database === 'unreachable'))
    return () => {
      clearTimeout(retry)
      socket.disconnect()
    }
  }, [])

  return connected
}

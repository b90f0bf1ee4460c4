// Typing and "seen" with a person on the web chat, beside an open conversation: the desk shows
// when they are writing or have read the replies, and tells them when the volunteer is writing
// and has read what they wrote. Its own socket, so the desk's realtime code stays as it is.
import type { ConversationDetail, OperatorSignal, VisitorSignal } from '@ascolto/protocol'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { io, type Socket } from 'socket.io-client'
import './visitor-signals.css'

type SignalSocket = Socket<
  { 'visitor.signal': (signal: VisitorSignal) => void },
  { 'operator.signal': (signal: OperatorSignal) => void }
>

/** A volunteer's writing counts as stopped after this long without a change to the draft. */
const TYPING_PAUSE_MS = 3000

type Props = {
  detail: ConversationDetail
  /** The volunteer's draft for this conversation; '' when they may not reply. */
  draft: string
}

export function VisitorSignals({ detail, draft }: Props) {
  const { conversation, messages } = detail
  const { t } = useTranslation()
  const socket = useRef<SignalSocket | null>(null)
  const [typing, setTyping] = useState(false)
  const [seenId, setSeenId] = useState<string | null>(null)
  const live = conversation.channelKind === 'webchat' && conversation.status !== 'closed'
  const id = conversation.id

  useEffect(() => {
    if (!live) return
    const opened: SignalSocket = io('/console', { withCredentials: true })
    socket.current = opened
    opened.on('visitor.signal', (signal) => {
      if (signal.conversationId !== id) return
      if (typeof signal.typing === 'boolean') setTyping(signal.typing)
      if (signal.seenMessageId) setSeenId(signal.seenMessageId)
    })
    return () => {
      opened.emit('operator.signal', { conversationId: id, typing: false })
      opened.disconnect()
      socket.current = null
      setTyping(false)
      setSeenId(null)
    }
  }, [id, live])

  // Writing: said once when the draft starts changing, and stopped after a pause or when emptied.
  const writing = useRef(false)
  useEffect(() => {
    const emit = (value: boolean) => {
      if (writing.current === value) return
      writing.current = value
      socket.current?.emit('operator.signal', { conversationId: id, typing: value })
    }
    if (!draft.trim()) return emit(false)
    emit(true)
    const pause = setTimeout(() => emit(false), TYPING_PAUSE_MS)
    return () => clearTimeout(pause)
  }, [draft, id])

  // Seen: the person's newest message, once it is on a visible screen.
  const newestFromPerson = [...messages].reverse().find((message) => message.direction === 'inbound')?.id
  useEffect(() => {
    if (!live || !newestFromPerson) return
    const tell = () => {
      if (document.visibilityState === 'visible')
        socket.current?.emit('operator.signal', { conversationId: id, seenMessageId: newestFromPerson })
    }
    const soon = setTimeout(tell, 300)
    document.addEventListener('visibilitychange', tell)
    return () => {
      clearTimeout(soon)
      document.removeEventListener('visibilitychange', tell)
    }
  }, [id, live, newestFromPerson])

  if (!live) return null
  const newestReply = [...messages].reverse().find((message) => message.direction === 'outbound')?.id
  return (
    <p className="visitor-signals" aria-live="polite">
      {typing
        ? t('widgetSignals.typing')
        : newestReply && seenId === newestReply
          ? t('widgetSignals.seen')
          : ''}
    </p>
  )
}

import { useEffect, useState } from 'preact/hooks'
import type { Chat, ChatState } from './chat.ts'

/** The chat's current snapshot, re-rendering on every change. */
export function useChatState(chat: Chat): ChatState {
  const [state, setState] = useState(chat.getState)
  useEffect(() => {
    setState(chat.getState())
    return chat.subscribe(() => setState(chat.getState()))
  }, [chat])
  return state
}

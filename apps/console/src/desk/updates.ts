// How the changes the server pushes apply to the queue and to the open conversation.
// Pure functions, so the rules are tested without a browser.
import type { ConversationView, MessageStatus, MessageView } from '@ascolto/protocol'
import { byRisk } from '../risk/risk-order.ts'

export type Queue = { waiting: ConversationView[]; mine: ConversationView[] }
export type QueueTab = keyof Queue

export const emptyQueue: Queue = { waiting: [], mine: [] }

/** The list a conversation belongs in for this operator, or null when it leaves the queue. */
export function tabFor(conversation: ConversationView, myId: string): QueueTab | null {
  if (conversation.status === 'waiting') return 'waiting'
  if (conversation.status === 'open' && conversation.assignee?.id === myId) return 'mine'
  return null
}

// the same order as the server's: the highest risk first, then the soonest due (then who has waited
// longest); in mine, the highest risk first too, then the liveliest
const dueOf = (c: ConversationView) => c.dueAt ?? c.openedAt
const byWaitingSince = (a: ConversationView, b: ConversationView) =>
  byRisk(a, b) || dueOf(a).localeCompare(dueOf(b)) || a.openedAt.localeCompare(b.openedAt)
const byLastMessage = (a: ConversationView, b: ConversationView) =>
  byRisk(a, b) || b.lastMessageAt.localeCompare(a.lastMessageAt)

export function sortedQueue(queue: Queue): Queue {
  return { waiting: [...queue.waiting].sort(byWaitingSince), mine: [...queue.mine].sort(byLastMessage) }
}

/**
 * A change pushed without the preview (the conversation is neither open here nor assigned to this
 * operator) keeps the preview already read over the API.
 */
export function withKnownPreview(
  conversation: ConversationView,
  known: ConversationView | undefined,
): ConversationView {
  if (!conversation.withheld) return conversation
  const { withheld: _, ...rest } = conversation
  return { ...rest, preview: known?.preview ?? '' }
}

/** Whether a change pushed without its preview says there is a preview this list has not read. */
export function previewOutdated(queue: Queue, conversation: ConversationView): boolean {
  if (!conversation.withheld || conversation.status !== 'waiting') return false
  const known = queue.waiting.find((c) => c.id === conversation.id)
  return known?.lastMessageAt !== conversation.lastMessageAt
}

/** Inserts, moves, replaces or removes the conversation, wherever it was before. */
export function placeConversation(queue: Queue, conversation: ConversationView, myId: string): Queue {
  const known = [...queue.waiting, ...queue.mine].find((c) => c.id === conversation.id)
  const without = (list: ConversationView[]) => list.filter((c) => c.id !== conversation.id)
  const next = { waiting: without(queue.waiting), mine: without(queue.mine) }
  const tab = tabFor(conversation, myId)
  if (tab) next[tab].push(withKnownPreview(conversation, known))
  return sortedQueue(next)
}

/** Drops conversations that are gone for good (their person erased). */
export function removeConversations(queue: Queue, ids: readonly string[]): Queue {
  const keep = (c: ConversationView) => !ids.includes(c.id)
  return { waiting: queue.waiting.filter(keep), mine: queue.mine.filter(keep) }
}

/** How far a message has gone: a delivery never goes back, whatever order its news arrives in. */
const progress: Record<MessageStatus, number> = {
  received: 0,
  held: 0,
  queued: 0,
  sent: 1,
  failed: 1,
  delivered: 2,
  read: 3,
}

/**
 * Adds the message, or replaces the one with its id (a status change, hidden), keeping the order
 * of arrival. The worker can deliver a reply before the answer to its POST or its own
 * `message.created` reaches the console: an older status never replaces a newer one. A hidden
 * message is pushed to every console without its text; whoever may read hidden messages
 * (`revealHidden`, supervisors) keeps the text already on screen.
 */
export function upsertMessage(
  messages: MessageView[],
  message: MessageView,
  { revealHidden = false } = {},
): MessageView[] {
  const index = messages.findIndex((m) => m.id === message.id)
  if (index === -1) return [...messages, message]
  const shown = messages[index]
  const keepText = revealHidden && message.hidden !== null && message.text === '' && shown?.text
  const behind = shown && progress[message.status] < progress[shown.status]
  return messages.with(index, {
    ...message,
    ...(keepText ? { text: shown.text } : {}),
    ...(behind ? { status: shown.status, errorCode: shown.errorCode } : {}),
  })
}

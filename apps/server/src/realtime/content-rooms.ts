// Who hears a conversation's content. Every console of a helpline hears that a conversation or a
// message changed (ids, states: the queue, badges and arrivals need them), but its text and
// preview go only to the consoles that have it open (after an audited read, `followConversation`)
// or to the operator it is assigned to; the others get the same event with the content left out
// (`withheld`) and read it over the API, where the read is audited. A mediator's console hears
// only the messages of the conversations they are in (mediationRoom).
import { toMediatedMessage } from '@ascolto/core'
import type { ConversationView, MessageView } from '@ascolto/protocol'
import type { Namespace } from 'socket.io'
import { assignedRoom, mediationRoom, openRoom, userRoom } from './rooms.ts'

const OPEN_ROOM = /^open:/

const contentRooms = (conversationId: string) => [openRoom(conversationId), assignedRoom(conversationId)]

const withheldMessage = (message: MessageView): MessageView => ({ ...message, text: '', withheld: true })
const withheldConversation = (conversation: ConversationView): ConversationView => ({
  ...conversation,
  preview: '',
  withheld: true,
})

/**
 * A conversation changed: its assignee's sockets (and theirs alone) follow it from now on, then
 * the news goes out, whole to those who follow it, without its preview to the rest.
 */
export function emitConversation(consoles: Namespace, helplineRoom: string, conversation: ConversationView) {
  const room = assignedRoom(conversation.id)
  const assignee = conversation.status === 'closed' ? undefined : conversation.assignee?.id
  // here at once, before the news goes out (the adapter's own join reaches this instance only
  // after its NOTIFY), then on every instance
  for (const where of [consoles.local, consoles]) {
    const others = assignee ? where.in(room).except(userRoom(assignee)) : where.in(room)
    others.socketsLeave(room)
    if (assignee) where.in(userRoom(assignee)).socketsJoin(room)
  }
  consoles.to(contentRooms(conversation.id)).emit('conversation.updated', conversation)
  consoles
    .to(helplineRoom)
    .except(contentRooms(conversation.id))
    .emit('conversation.updated', withheldConversation(conversation))
}

export function emitMessage(
  consoles: Namespace,
  helplineRoom: string,
  event: 'message.created' | 'message.updated',
  message: MessageView,
) {
  consoles.to(contentRooms(message.conversationId)).emit(event, message)
  consoles.to(helplineRoom).except(contentRooms(message.conversationId)).emit(event, withheldMessage(message))
  // the mediator in the conversation, if any: no helpline room, only this conversation's messages
  consoles.to(mediationRoom(message.conversationId)).emit('mediation.message', toMediatedMessage(message))
}

/** A mediator joined or left a conversation: their sockets, on every instance, follow it or stop. */
export function followAsMediator(
  consoles: Namespace,
  userId: string,
  conversationId: string,
  change: 'join' | 'leave',
) {
  const sockets = consoles.in(userRoom(userId))
  if (change === 'join') sockets.socketsJoin(mediationRoom(conversationId))
  else sockets.socketsLeave(mediationRoom(conversationId))
}

/**
 * After an audited read of the conversation, the console socket the request names (it must be
 * one of the same session: a read never opens someone else's console) follows it, in place of
 * the one it had open before. The socket may be on another instance: the adapter finds it.
 */
export async function followConversation(
  consoles: Namespace,
  socketId: string,
  sessionTag: string,
  conversationId: string,
) {
  const [socket] = await consoles.in(socketId).fetchSockets()
  if (!socket || socket.data.sessionTag !== sessionTag) return false
  const previous = [...socket.rooms].filter((room) => OPEN_ROOM.test(room))
  for (const room of previous) socket.leave(room)
  socket.join(openRoom(conversationId))
  return true
}

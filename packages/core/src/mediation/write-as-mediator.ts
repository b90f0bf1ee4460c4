// What a mediator writes: to the person, signed with their title and never their name ("Mediatrice:
// …", the same on every door, so a WhatsApp or an e-mail shows it as the widget does), or privately
// to the operator, a note the person never sees. The console shows both under the mediator's name.
import type { MediatedMessage, MediatorMessageBody, MediatorTitle } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { insertNote } from '../conversations/add-note.ts'
import { sealerOf } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { isLoggedContact } from '../logged-contacts/log-contact.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { queueOutboundMessage } from '../messages/queue-outbound-message.ts'
import { findMediatedConversation } from './mediation-access.ts'
import { toMediatedMessage } from './read-mediated-conversation.ts'

const SIGNATURE: Record<MediatorTitle, string> = { mediatrice: 'Mediatrice', mediatore: 'Mediatore' }

export async function writeAsMediator(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  body: MediatorMessageBody,
): Promise<MediatedMessage> {
  const record = await findMediatedConversation(tx, actor, conversationId, { lock: true })
  let messageId: string
  if (body.private) {
    messageId = await insertNote(tx, services, {
      ...record,
      authorId: actor.userId,
      text: body.text,
      kind: 'text',
    })
  } else {
    if (await isLoggedContact(tx, record.id)) {
      throw new AscoltoError(
        'ASCOLTO_ERR_VALIDATION',
        'A contact logged by hand has no door to write through',
      )
    }
    const { rows } = await tx.query<{ mediator_title: MediatorTitle }>(
      'select mediator_title from app_user where id = $1',
      [actor.userId],
    )
    messageId = await queueOutboundMessage(tx, {
      sealer: sealerOf(services.keyring, record),
      helplineId: record.helpline_id,
      conversationId: record.id,
      channelId: record.channel_id,
      authorId: actor.userId,
      kind: 'text',
      text: `${SIGNATURE[rows[0]?.mediator_title ?? 'mediatore']}: ${body.text}`,
    })
    await tx.query('update conversation set last_message_at = now() where id = $1', [record.id])
  }
  const message = await loadMessageView(tx, services.keyring, record.helpline_id, messageId)
  afterCommit(() => {
    services.publisher.toConsoles(record.helpline_id, 'message.created', message)
    if (!body.private) services.publisher.outboxChanged()
  })
  return toMediatedMessage(message)
}

// Topics that belong elsewhere get the helpline's canned redirect (another desk's phone and
// e-mail) with one click: a reply like any other, in the helpline's main language.
import type { MessageView } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { findConversationForActor } from '../conversations/find-conversation.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { sendReply } from './send-reply.ts'

export async function sendRedirect(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  redirectId: string,
): Promise<MessageView> {
  const record = await findConversationForActor(context.tx, actor, conversationId)
  const settings = await loadHelplineSettings(context.tx, record.helpline_id)
  const redirect = settings.redirects.find((r) => r.id === redirectId)
  if (!redirect) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'No such redirect in this helpline')
  const text = redirect.text[settings.languages[0] ?? 'it'] ?? Object.values(redirect.text)[0]
  if (!text) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'The redirect has no text')
  return sendReply(context, actor, conversationId, text)
}

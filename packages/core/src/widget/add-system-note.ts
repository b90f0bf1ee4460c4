// A note the system writes into a widget conversation for the volunteer (the answers given before
// the chat, "the person ended the chat"): sealed like every message, shown in the desk as a note.
import { randomUUID } from 'node:crypto'
import type { MessageView } from '@ascolto/protocol'
import { contactSealer } from '../contacts/contact-keys.ts'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { loadMessageView } from '../messages/message-views.ts'

export async function addSystemNote(
  tx: Tx,
  keyring: Keyring,
  target: { helplineId: string; channelId: string; conversationId: string },
  text: string,
): Promise<MessageView> {
  const id = randomUUID()
  await tx.query(
    `insert into message (id, conversation_id, helpline_id, channel_id, direction, kind, body_sealed, status)
     values ($1, $2, $3, $4, 'note', 'text', $5, 'received')`,
    [
      id,
      target.conversationId,
      target.helplineId,
      target.channelId,
      (await contactSealer(tx, keyring, target)).seal(text, `message:${id}`),
    ],
  )
  return loadMessageView(tx, keyring, target.helplineId, id)
}

const words = {
  it: {
    ended: 'La persona ha terminato la chat.',
    gone: 'La persona ha lasciato la chat (pagina chiusa da tempo).',
    back: 'La persona è tornata nella chat.',
    before: 'Risposte prima della chat',
  },
  en: {
    ended: 'The person ended the chat.',
    gone: 'The person left the chat (page closed for a while).',
    back: 'The person came back to the chat.',
    before: 'Answers before the chat',
  },
}

/** The system's words in the helpline's main language (Italian when it has none of these). */
export function systemWords(languages: readonly string[]) {
  const language = languages[0]
  return language === 'en' ? words.en : words.it
}

// The person chose another language in the widget during a conversation: it becomes the
// conversation's language (unless an operator set one), for the automatic replies that follow and
// for the consoles, which are told at once.
import type { ChannelConnection } from '@ascolto/channels'
import type { HelplineSettings } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { choosePersonLanguage } from '../conversations/note-conversation-language.ts'
import { AscoltoError } from '../errors.ts'
import { openConversationOfVisitor } from './visitor-signals.ts'

/** changed: a conversation was under way and holds the language now; none: the next message brings it. */
export async function chooseWidgetLanguage(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  { channel, settings }: { channel: ChannelConnection; settings: HelplineSettings },
  address: string,
  language: string,
): Promise<{ changed: boolean }> {
  if (!settings.languages.includes(language))
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The helpline does not offer this language')
  const id = await openConversationOfVisitor(tx, services.keyring, channel, address)
  if (!id) return { changed: false }
  const held = await choosePersonLanguage(tx, id, language)
  const view = await loadConversationView(tx, services.keyring, [channel.helplineId], id)
  afterCommit(() => view && services.publisher.toConsoles(channel.helplineId, 'conversation.updated', view))
  return { changed: held === language }
}

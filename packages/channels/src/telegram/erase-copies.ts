// Telegram keeps the chat on its servers, in the person's app and the bot's. A bot may delete the
// messages of a private chat, both ways, for 48 hours after they were sent (deleteMessages, up
// to 100 at a time): erasure soon after a conversation deletes them there too. Older ones cannot
// be deleted by anyone but the person (Telegram answers 400): done, as there is nothing more to do.
import { GrammyError } from 'grammy'
import type { TelegramConfig } from './config.ts'
import { apiOf, sendErrorOf } from './send.ts'

const PER_CALL = 100

export async function eraseTelegramCopies(
  config: TelegramConfig,
  botToken: string,
  providerMessageIds: readonly string[],
): Promise<void> {
  // a provider id is `<chat id>/<message id>`
  const byChat = new Map<string, number[]>()
  for (const id of providerMessageIds) {
    const [chat, message] = id.split('/')
    if (!chat || !message || !/^-?\d+$/.test(chat) || !/^\d+$/.test(message)) continue
    byChat.set(chat, [...(byChat.get(chat) ?? []), Number(message)])
  }
  const api = apiOf(config, botToken)
  for (const [chat, messages] of byChat) {
    for (let i = 0; i < messages.length; i += PER_CALL) {
      try {
        await api.deleteMessages(chat, messages.slice(i, i + PER_CALL))
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 400) continue
        throw sendErrorOf(error)
      }
    }
  }
}

// What `ascolto connect-telegram` asks of the Bot API: who the bot is (getMe), and where to send
// its updates (setWebhook with the secret token, messages only, old updates dropped).
import type { TelegramConfig } from './config.ts'
import { apiOf, sendErrorOf } from './send.ts'

export async function describeBot(config: TelegramConfig, botToken: string) {
  try {
    const me = await apiOf(config, botToken).getMe()
    return { id: String(me.id), username: me.username ?? null }
  } catch (error) {
    throw sendErrorOf(error)
  }
}

export async function setTelegramWebhook(
  config: TelegramConfig,
  botToken: string,
  url: string,
  secret: string,
) {
  try {
    await apiOf(config, botToken).setWebhook(url, {
      secret_token: secret,
      allowed_updates: ['message'],
      drop_pending_updates: true,
    })
  } catch (error) {
    throw sendErrorOf(error)
  }
}

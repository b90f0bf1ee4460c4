// `ascolto connect-telegram`: a helpline's Telegram bot as a new channel. The token comes from a
// file, is checked with getMe, and stored sealed with a webhook secret made here; then Ascolto
// itself tells Telegram where to send the bot's messages (setWebhook, with that secret, which
// Telegram sends back in every request). If Telegram refuses, nothing is kept.
import { describeBot, setTelegramWebhook, telegramConnection } from '@ascolto/channels'
import { ConfigError } from '@ascolto/config'
import { connectChannel, type Keyring } from '@ascolto/core'
import { type Pool, withTransaction } from '@ascolto/db'
import { checkedConnection, readSecretFile } from './connection-input.ts'
import { helplineIdOf } from './settings.ts'

export type ConnectTelegramOptions = {
  helpline: string
  name?: string
  tokenFile?: string
  apiUrl?: string
  publicUrl: string
}

export async function connectTelegram(pool: Pool, keyring: Keyring, options: ConnectTelegramOptions) {
  const problems: string[] = []
  const botToken = await readSecretFile(options.tokenFile, 'token-file', problems)
  if (!options.publicUrl.startsWith('https://')) {
    problems.push('ASCOLTO_PUBLIC_URL: Telegram sends updates to https:// addresses only')
  }
  const connection = checkedConnection(problems, () =>
    telegramConnection({
      botToken: botToken ?? `00000:${'x'.repeat(35)}`,
      apiBaseUrl: options.apiUrl,
    }),
  )
  const { secrets } = connection
  const bot = await describeBot(connection.config, secrets.botToken).catch((error: Error) => {
    throw new ConfigError([`the bot token: Telegram refused it (${error.message})`])
  })
  const config = { ...connection.config, botUsername: bot.username }
  const helplineId = await helplineIdOf(pool, options.helpline)
  return withTransaction(pool, async (tx) => {
    const channel = await connectChannel(tx, keyring, {
      helplineId,
      kind: 'telegram',
      name: options.name ?? 'Telegram',
      config,
      secrets,
    })
    const webhookUrl = `${options.publicUrl.replace(/\/+$/, '')}/webhooks/telegram/${channel.id}`
    await setTelegramWebhook(config, secrets.botToken, webhookUrl, secrets.webhookSecret).catch(
      (error: Error) => {
        throw new ConfigError([`setWebhook: Telegram refused it (${error.message})`])
      },
    )
    return { channelId: channel.id, config, webhookUrl }
  })
}

export function formatTelegramConnected(connected: Awaited<ReturnType<typeof connectTelegram>>): string {
  const name = connected.config.botUsername
    ? `@${connected.config.botUsername}`
    : `bot ${connected.config.botId}`
  return [
    `Telegram ${name} connected (channel ${connected.channelId}).`,
    `Telegram now sends the bot's messages to ${connected.webhookUrl}`,
    'with a secret of its own in each request: nothing to paste anywhere.',
  ].join('\n')
}

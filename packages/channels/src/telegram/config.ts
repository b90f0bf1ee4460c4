// A Telegram bot's connection: plain settings (the bot's id and name, where the Bot API is) and
// secrets (the bot token, and the secret Telegram sends back in every webhook's
// X-Telegram-Bot-Api-Secret-Token header, chosen by Ascolto when it sets the webhook).
import { randomBytes } from 'node:crypto'
import { isHttpUrl } from '../kit/connection-checks.ts'
import { ChannelConfigError, type ChannelConnection } from '../kit/contract.ts'

export const TELEGRAM_API_URL = 'https://api.telegram.org'

export type TelegramConfig = {
  /** The bot's numeric id: the part of the token before the colon. */
  botId: string
  /** @username, as getMe answers it; for people to find the bot. */
  botUsername: string | null
  /** https://api.telegram.org, or a local fake for tests and the demo. */
  apiBaseUrl: string
  /** How long a send may take before it is tried again later (default 10 s, below the outbox lease). */
  timeoutMs?: number
}

export type TelegramSecrets = { botToken: string; webhookSecret: string }

// BotFather's tokens: the bot id, a colon, 35 characters
const TOKEN = /^(\d{5,20}):[A-Za-z0-9_-]{30,60}$/
// what setWebhook accepts as secret_token
const SECRET = /^[A-Za-z0-9_-]{16,256}$/

function problemsOfConfig(config: Partial<Record<keyof TelegramConfig, unknown>>): string[] {
  const problems: string[] = []
  if (typeof config.botId !== 'string' || !/^\d{5,20}$/.test(config.botId))
    problems.push("bot id: the token's digits")
  if (!isHttpUrl(config.apiBaseUrl))
    problems.push('API base URL: an http(s) URL, e.g. https://api.telegram.org')
  const { timeoutMs } = config
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && Number(timeoutMs) >= 100 && Number(timeoutMs) <= 15_000)
  ) {
    problems.push('timeout: between 100 and 15000 milliseconds')
  }
  return problems
}

/** Checks a new bot's token and settings, naming every problem at once; makes the webhook secret. */
export function telegramConnection(input: {
  botToken?: string
  apiBaseUrl?: string
  botUsername?: string | null
  webhookSecret?: string
}): { config: TelegramConfig; secrets: TelegramSecrets } {
  const botToken = input.botToken?.trim() ?? ''
  const config: TelegramConfig = {
    botId: TOKEN.exec(botToken)?.[1] ?? '',
    botUsername: input.botUsername ?? null,
    apiBaseUrl: (input.apiBaseUrl?.trim() || TELEGRAM_API_URL).replace(/\/+$/, ''),
  }
  const secrets = { botToken, webhookSecret: input.webhookSecret ?? randomBytes(32).toString('base64url') }
  const problems: string[] = []
  if (!TOKEN.test(botToken)) problems.push("bot token: BotFather's token, <digits>:<35 characters>")
  // the bot id comes from the token: its problem is the token's, named once above
  problems.push(...problemsOfConfig({ ...config, botId: config.botId || '00000' }))
  if (!SECRET.test(secrets.webhookSecret)) problems.push('webhook secret: 16 to 256 letters, digits, _ or -')
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return { config, secrets }
}

export function configOf(connection: ChannelConnection): TelegramConfig {
  const config = connection.config as Partial<Record<keyof TelegramConfig, unknown>>
  const problems = problemsOfConfig(config)
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return config as TelegramConfig
}

export function secretOf(connection: ChannelConnection, name: keyof TelegramSecrets): string {
  const value = connection.secrets?.[name]
  if (!value) throw new ChannelConfigError([`${name} is not configured`])
  return value
}

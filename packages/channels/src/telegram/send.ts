// Replies through the Bot API with grammy's client (sendMessage, with the API root configurable
// for the fake). Telegram's answer decides what the outbox does next: 429 (with retry_after), a
// server error, a time-out or a lost connection is tried again later; 403 (the person blocked the
// bot, or deleted their account) and 400 (chat not found) fail at once, shown to the volunteer.
import { Api, GrammyError, HttpError } from 'grammy'
import { ChannelSendError, type SendResult } from '../kit/contract.ts'
import type { TelegramConfig } from './config.ts'
import { telegramMessageId } from './parse-webhook.ts'

export const SEND_TIMEOUT_MS = 10_000
/** The longest retry_after waited for inside a send (well under the outbox lease). */
const MAX_WAIT_SECONDS = 5
/** Telegram's limit for one message's text. */
export const MAX_TEXT = 4096

export function apiOf(config: TelegramConfig, botToken: string) {
  return new Api(botToken, {
    apiRoot: config.apiBaseUrl,
    timeoutSeconds: Math.ceil((config.timeoutMs ?? SEND_TIMEOUT_MS) / 1000),
  })
}

/** What a failed Bot API call means for the outbox. */
export function sendErrorOf(error: unknown): ChannelSendError {
  if (error instanceof GrammyError) {
    const code = error.error_code
    // 401: the token was revoked; an administrator connects the new one, and waiting replies go
    const retryable = code === 429 || code >= 500 || code === 401
    const after = error.parameters.retry_after
    return new ChannelSendError(
      String(code),
      `Telegram answered ${code}${after ? `, retry after ${after} s` : ''}`,
      retryable,
    )
  }
  if (error instanceof HttpError) {
    return new ChannelSendError('ASCOLTO_ERR_NETWORK', 'Telegram could not be reached in time', true)
  }
  return new ChannelSendError('ASCOLTO_ERR_SEND', String(error), true)
}

export async function sendTelegramText(
  config: TelegramConfig,
  botToken: string,
  chatId: string,
  text: string,
): Promise<SendResult> {
  if (text.length > MAX_TEXT) {
    throw new ChannelSendError(
      'ASCOLTO_ERR_TOO_LONG',
      `A Telegram message has at most ${MAX_TEXT} characters`,
      false,
    )
  }
  const api = apiOf(config, botToken)
  const sendOnce = async () => {
    const sent = await api.sendMessage(chatId, text, { link_preview_options: { is_disabled: true } })
    return { providerMessageId: telegramMessageId(sent.chat.id, sent.message_id) }
  }
  try {
    return await sendOnce()
  } catch (error) {
    // Telegram says how long to wait: a short wait is kept here, once; a longer one is the outbox's
    const after =
      error instanceof GrammyError && error.error_code === 429 ? error.parameters.retry_after : undefined
    if (after === undefined || after > MAX_WAIT_SECONDS) throw sendErrorOf(error)
    await new Promise((resolve) => setTimeout(resolve, after * 1000))
    try {
      return await sendOnce()
    } catch (again) {
      throw sendErrorOf(again)
    }
  }
}

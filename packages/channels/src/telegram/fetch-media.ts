// A file a person sent, fetched by the worker: getFile turns the file_id into a path valid for
// at least an hour, and {api}/file/bot<token>/<path> gives the bytes. Bots may download files up
// to 20 MB; the worker's own limit is checked before and after.
import { createHash } from 'node:crypto'
import { ChannelSendError, type FetchedMedia, type InboundMedia } from '../kit/contract.ts'
import type { TelegramConfig } from './config.ts'
import { apiOf, SEND_TIMEOUT_MS, sendErrorOf } from './send.ts'

const tooLarge = () =>
  new ChannelSendError('ASCOLTO_ERR_MEDIA_TOO_LARGE', 'The file is larger than allowed', false)

export async function fetchTelegramMedia(
  config: TelegramConfig,
  botToken: string,
  media: InboundMedia,
  limits: { maxBytes: number },
): Promise<FetchedMedia> {
  let path: string | undefined
  let size: number | undefined
  try {
    const found = await apiOf(config, botToken).getFile(media.providerMediaId)
    path = found.file_path
    size = found.file_size
  } catch (error) {
    throw sendErrorOf(error)
  }
  if (!path) throw new ChannelSendError('ASCOLTO_ERR_MEDIA_GONE', 'Telegram no longer has the file', false)
  if (size !== undefined && size > limits.maxBytes) throw tooLarge()
  let response: Response
  try {
    response = await fetch(`${config.apiBaseUrl}/file/bot${botToken}/${path}`, {
      signal: AbortSignal.timeout(config.timeoutMs ?? SEND_TIMEOUT_MS),
    })
  } catch {
    throw new ChannelSendError('ASCOLTO_ERR_NETWORK', 'Telegram could not be reached in time', true)
  }
  if (!response.ok) {
    await response.body?.cancel()
    const retryable = response.status === 429 || response.status >= 500
    throw new ChannelSendError(`HTTP_${response.status}`, `Telegram answered ${response.status}`, retryable)
  }
  const bytes = Buffer.from(await response.arrayBuffer())
  if (bytes.length > limits.maxBytes) throw tooLarge()
  // Telegram serves files as application/octet-stream: the type the message named is the one kept
  const served = response.headers.get('content-type')?.split(';')[0]?.trim()
  const mimeType =
    media.mimeType ?? (served && served !== 'application/octet-stream' ? served : 'application/octet-stream')
  return { bytes, mimeType, sha256: createHash('sha256').update(bytes).digest() }
}

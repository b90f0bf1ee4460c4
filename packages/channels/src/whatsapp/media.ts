// Files both ways. A file a person sent: the webhook carries only its id. GET {base}/{version}/{media-id} answers
// a download URL that expires within minutes (with the type, size and SHA-256 of the file), and
// a GET of that URL with the same token answers the bytes. Both happen in the worker, soon after
// ingest; the size is checked before and while downloading, and the checksum after. A file a
// volunteer attaches is uploaded (POST {base}/{version}/{phone-number-id}/media, multipart) and
// sent by the id Meta gives it. Meta keeps both for up to 30 days: erasure and retention delete
// them there too (DELETE {base}/{version}/{media-id}?phone_number_id=…).
import { createHash } from 'node:crypto'
import { ChannelSendError, type FetchedMedia, type InboundMedia } from '../kit/contract.ts'
import type { WhatsAppConfig } from './config.ts'
import { graphFetch, graphJson, graphUrl, sendErrorOf } from './graph.ts'
import { isObject, stringOf } from './json.ts'

const MEDIA_ID = /^[0-9A-Za-z_.-]{1,128}$/

const tooLarge = (maxBytes: number) =>
  new ChannelSendError('ASCOLTO_ERR_MEDIA_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, false)

/** Meta's checksum: hex in the media endpoint's answer, base64 in webhooks. */
function checksumOf(value: unknown): Buffer | null {
  const text = stringOf(value, 128)
  if (!text) return null
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex')
  const bytes = Buffer.from(text, 'base64')
  return bytes.length === 32 ? bytes : null
}

async function readAtMost(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  if (!response.body) return Buffer.alloc(0)
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > maxBytes) {
      await response.body.cancel().catch(() => {})
      throw tooLarge(maxBytes)
    }
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

export async function fetchWhatsAppMedia(
  config: WhatsAppConfig,
  accessToken: string,
  media: InboundMedia,
  limits: { maxBytes: number },
): Promise<FetchedMedia> {
  if (!MEDIA_ID.test(media.providerMediaId)) {
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_ID', 'Not a media id', false)
  }
  const info = await graphJson(config, accessToken, encodeURIComponent(media.providerMediaId))
  const url = isObject(info) ? stringOf(info.url, 4096) : undefined
  if (!url || !/^https?:\/\//.test(url)) {
    throw new ChannelSendError('ASCOLTO_ERR_BAD_RESPONSE', 'The Cloud API gave no download URL', false)
  }
  const declaredSize = isObject(info) ? Number(info.file_size) : Number.NaN
  if (declaredSize > limits.maxBytes) throw tooLarge(limits.maxBytes)

  const response = await graphFetch(config, accessToken, url)
  if (!response.ok) throw sendErrorOf(response.status, await response.json().catch(() => undefined))
  const bytes = await readAtMost(response, limits.maxBytes)
  const sha256 = createHash('sha256').update(bytes).digest()
  const expected = checksumOf(isObject(info) ? info.sha256 : undefined) ?? checksumOf(media.sha256)
  if (expected && !expected.equals(sha256)) {
    // a truncated or altered download: fetching again may give the whole file
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_CHECKSUM', 'The file does not match its checksum', true)
  }
  const mimeType =
    (isObject(info) ? stringOf(info.mime_type, 100) : undefined) ??
    media.mimeType ??
    'application/octet-stream'
  return { bytes, mimeType, sha256 }
}

/** Uploads a file for one send: Meta keeps it 30 days and answers its id. */
export async function uploadWhatsAppMedia(
  config: WhatsAppConfig,
  accessToken: string,
  media: { bytes: Buffer; mimeType: string },
): Promise<string> {
  const form = new FormData()
  form.set('messaging_product', 'whatsapp')
  form.set('type', media.mimeType)
  form.set('file', new Blob([new Uint8Array(media.bytes)], { type: media.mimeType }), 'file')
  const answer = await graphJson(config, accessToken, `${encodeURIComponent(config.phoneNumberId)}/media`, {
    method: 'POST',
    form,
  })
  const id = isObject(answer) ? stringOf(answer.id, 128) : undefined
  if (!id) throw new ChannelSendError('ASCOLTO_ERR_BAD_RESPONSE', 'The Cloud API gave no media id', false)
  return id
}

/**
 * Files Meta no longer needs to keep. An id Meta does not know (gone already: expired, deleted,
 * or a received file it will not delete) is done, as is any other refusal no retry can change.
 */
export async function deleteWhatsAppMedia(
  config: WhatsAppConfig,
  accessToken: string,
  mediaIds: readonly string[],
): Promise<void> {
  for (const mediaId of new Set(mediaIds)) {
    if (!MEDIA_ID.test(mediaId)) continue
    const url = `${graphUrl(config, encodeURIComponent(mediaId))}?phone_number_id=${encodeURIComponent(config.phoneNumberId)}`
    const response = await graphFetch(config, accessToken, url, { method: 'DELETE' })
    if (response.ok || response.status === 404) continue
    const error = sendErrorOf(response.status, await response.json().catch(() => undefined))
    if (error.retryable) throw error
  }
}

// The files a person left at Twilio, fetched by the worker: a voicemail's recording
// (GET …/Recordings/{RecordingSid}.mp3) and an MMS's media (GET …/Messages/{MessageSid}/Media/{MediaSid},
// which Twilio answers with a redirect to the file). Both with basic auth; a recording that is
// not ready yet (404 right after the call) is tried again later.
import { createHash } from 'node:crypto'
import { ChannelSendError, type FetchedMedia, type InboundMedia } from '../kit/contract.ts'
import type { TwilioConfig } from './config.ts'
import { basicAuth, callTwilio, SEND_TIMEOUT_MS } from './send.ts'

const RECORDING = /^RE[0-9a-f]{32}$/
const MMS_MEDIA = /^((?:SM|MM)[0-9a-f]{32})\/(ME[0-9a-f]{32})$/

export function mediaUrlOf(config: TwilioConfig, providerMediaId: string): string {
  const account = `${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}`
  if (RECORDING.test(providerMediaId)) return `${account}/Recordings/${providerMediaId}.mp3`
  const mms = MMS_MEDIA.exec(providerMediaId)
  if (mms) return `${account}/Messages/${mms[1]}/Media/${mms[2]}`
  throw new ChannelSendError('ASCOLTO_ERR_MEDIA_ID', 'Not a Twilio recording or media id', false)
}

export async function fetchTwilioMedia(
  config: TwilioConfig,
  authToken: string,
  media: InboundMedia,
  limits: { maxBytes: number },
): Promise<FetchedMedia> {
  const response = await callTwilio(
    mediaUrlOf(config, media.providerMediaId),
    { headers: { authorization: basicAuth(config, authToken) } },
    config.timeoutMs ?? SEND_TIMEOUT_MS,
  )
  if (!response.ok) {
    await response.body?.cancel()
    // a recording appears a few seconds after the call ends
    const retryable = response.status === 404 || response.status === 429 || response.status >= 500
    throw new ChannelSendError(`HTTP_${response.status}`, `Twilio answered ${response.status}`, retryable)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > limits.maxBytes) {
    await response.body?.cancel()
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_TOO_LARGE', 'The file is larger than allowed', false)
  }
  const bytes = Buffer.from(await response.arrayBuffer())
  if (bytes.length > limits.maxBytes) {
    throw new ChannelSendError('ASCOLTO_ERR_MEDIA_TOO_LARGE', 'The file is larger than allowed', false)
  }
  const mimeType = (response.headers.get('content-type') ?? media.mimeType ?? 'application/octet-stream')
    .split(';')[0]
    ?.trim() as string
  return { bytes, mimeType, sha256: createHash('sha256').update(bytes).digest() }
}

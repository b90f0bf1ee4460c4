// What Twilio posts to /webhooks/twilio/<channelId>, one form per request, told apart by its
// parameters: an SMS or MMS (MessageSid, From, Body, NumMedia, MediaUrlN), a status callback on a
// reply (MessageStatus, ErrorCode), a call ringing (CallSid, CallStatus), the end of a forward
// (DialCallStatus), a voicemail left (<Record>'s action: RecordingSid, RecordingUrl,
// RecordingDuration), the recording's own status callback, and a transcription
// (TranscriptionSid, TranscriptionText), and a conference's report (ConferenceSid,
// StatusCallbackEvent, FriendlyName, CallSid, ParticipantLabel, Timestamp). Another account's or number's request is acknowledged
// and not taken; a body without what its kind needs is a WebhookPayloadError (400).
import {
  type DeliveryStatusUpdate,
  type InboundKind,
  type InboundMessage,
  type WebhookEvents,
  WebhookPayloadError,
} from '../kit/contract.ts'
import type { TwilioConfig } from './config.ts'
import { optOutOf } from './opt-out.ts'

type Form = Record<string, string>

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`)
const MESSAGE_SID = /^(SM|MM)[0-9a-f]{32}$/
const CALL_SID = SID('CA')
const RECORDING_SID = SID('RE')
const CONFERENCE_SID = SID('CF')
const MEDIA_SID = /\/Media\/(ME[0-9a-f]{32})$/
/** Twilio allows ten media per MMS. */
const MAX_MEDIA = 10

function required(form: Form, name: string, pattern?: RegExp): string {
  const value = form[name]
  if (value === undefined || value === '') throw new WebhookPayloadError(`${name} is missing`)
  if (pattern && !pattern.test(value)) throw new WebhookPayloadError(`${name} is not a Twilio id`)
  return value
}

export function parseTwilioWebhook(form: Form, config: TwilioConfig, at: Date): WebhookEvents {
  const events: WebhookEvents = { messages: [], statuses: [], ignored: [] }
  if (form.AccountSid !== config.accountSid) {
    events.ignored.push('another account')
    return events
  }
  if (form.TranscriptionSid !== undefined) return transcription(form, events)
  if (form.ConferenceSid !== undefined && form.StatusCallbackEvent !== undefined)
    return conference(form, at, events)
  if (form.RecordingSid !== undefined && form.RecordingStatus !== undefined) {
    // the recording is fetched by the worker from the voicemail's own record; this says only that it is ready
    events.ignored.push(`recording ${form.RecordingStatus}`)
    return events
  }
  if (form.CallSid !== undefined && form.MessageSid === undefined) return call(form, config, at, events)
  if (form.MessageStatus !== undefined && form.MessageStatus !== 'received') return status(form, at, events)
  if (form.MessageSid !== undefined || form.SmsSid !== undefined) return message(form, config, at, events)
  throw new WebhookPayloadError('Neither a message, a status, a call nor a recording')
}

function message(form: Form, config: TwilioConfig, at: Date, events: WebhookEvents) {
  const sid = required(form, 'MessageSid', MESSAGE_SID)
  const from = required(form, 'From')
  if (form.To !== config.phoneNumber) {
    events.ignored.push('another phone number')
    return events
  }
  const body = form.Body ?? ''
  const count = Math.min(MAX_MEDIA, Number.parseInt(form.NumMedia ?? '0', 10) || 0)
  const media = Array.from({ length: count }, (_, i) => ({
    url: form[`MediaUrl${i}`] ?? '',
    mimeType: form[`MediaContentType${i}`] ?? null,
  }))
  const optOut = optOutOf(body, form.OptOutType)
  const first: InboundMessage = {
    providerMessageId: sid,
    from,
    receivedAt: at,
    kind: 'text',
    text: body,
    ...(optOut ? { optOut } : {}),
  }
  // one message per file: the first carries the text, the others their own part of the MMS
  media.forEach((file, i) => {
    const mediaSid = MEDIA_SID.exec(file.url)?.[1]
    if (!mediaSid) {
      events.ignored.push('media without a Twilio media URL')
      return
    }
    const item = {
      kind: kindOf(file.mimeType),
      // the message's sid and the file's: together they name the file at Twilio, for the worker
      media: { providerMediaId: `${sid}/${mediaSid}`, mimeType: file.mimeType, sha256: null },
    }
    if (i === 0) Object.assign(first, item)
    else events.messages.push({ providerMessageId: `${sid}/${i}`, from, receivedAt: at, text: '', ...item })
  })
  events.messages.unshift(first)
  return events
}

function kindOf(mimeType: string | null): InboundKind {
  const type = mimeType?.split('/')[0]
  if (type === 'image' || type === 'audio' || type === 'video') return type
  if (mimeType === 'text/vcard' || mimeType === 'text/x-vcard') return 'contacts'
  return 'document'
}

/** Twilio's statuses on the way to the person, and what Ascolto records of them. */
const STATUSES: Record<string, DeliveryStatusUpdate['status'] | undefined> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
}

function status(form: Form, at: Date, events: WebhookEvents) {
  const sid = required(form, 'MessageSid', MESSAGE_SID)
  const reported = form.MessageStatus ?? ''
  // own keys only: a status named 'toString' is no status
  const mapped = Object.hasOwn(STATUSES, reported) ? STATUSES[reported] : undefined
  if (!mapped) {
    // queued, sending, accepted, scheduled: Ascolto's own "queued" already says it
    events.ignored.push(`status ${reported.slice(0, 32)}`)
    return events
  }
  events.statuses.push({
    providerMessageId: sid,
    status: mapped,
    at,
    errorCode: mapped === 'failed' ? (form.ErrorCode || 'unknown').slice(0, 32) : null,
  })
  return events
}

/** A call's end, as its status callback names it: every one but these is still under way. */
const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled'])

const seconds = (value: string | undefined) => {
  const n = Number.parseInt(value ?? '', 10)
  return Number.isInteger(n) && n >= 0 ? n : null
}

function call(form: Form, config: TwilioConfig, at: Date, events: WebhookEvents) {
  const callSid = required(form, 'CallSid', CALL_SID)
  // an operator's phone that picked up, dialled by <Number url>: the announcement, then their key
  if (form.ParentCallSid !== undefined && form.Direction === 'outbound-dial') {
    const parentSid = required(form, 'ParentCallSid', CALL_SID)
    const to = required(form, 'To')
    const digits = form.Digits
    events.call = {
      providerCallId: parentSid,
      from: null,
      receivedAt: at,
      step: {
        kind: 'screening',
        to,
        legId: callSid,
        ...(digits !== undefined ? { accepted: digits === '1' } : {}),
      },
    }
    return events
  }
  const from = required(form, 'From')
  if (form.Direction !== undefined && form.Direction !== 'inbound') {
    events.ignored.push(`call ${form.Direction.slice(0, 32)}`)
    return events
  }
  if (form.To !== undefined && form.To !== config.phoneNumber) {
    events.ignored.push('another phone number')
    return events
  }
  const step = (s: NonNullable<WebhookEvents['call']>['step']) => {
    events.call = { providerCallId: callSid, from, receivedAt: at, step: s }
    return events
  }
  if (form.RecordingSid !== undefined) {
    const recordingSid = required(form, 'RecordingSid', RECORDING_SID)
    events.messages.push({
      providerMessageId: recordingSid,
      from,
      receivedAt: at,
      kind: 'voicemail',
      text: '',
      media: {
        providerMediaId: recordingSid,
        mimeType: 'audio/mpeg',
        sha256: null,
        voice: true,
        ...(seconds(form.RecordingDuration) !== null && {
          durationSeconds: seconds(form.RecordingDuration) as number,
        }),
      },
    })
    return step({ kind: 'voicemail', providerMessageId: recordingSid })
  }
  if (form.DialCallStatus !== undefined) {
    const status = form.DialCallStatus
    const answered = status === 'completed' || status === 'answered'
    return step({
      kind: 'dial-ended',
      // without a dialled leg (nobody reached at all) the round is named by the call and its status
      dialId:
        form.DialCallSid && CALL_SID.test(form.DialCallSid)
          ? form.DialCallSid
          : `${callSid}/${status.slice(0, 16)}`,
      answered,
      canceled: status === 'canceled',
      talkSeconds: answered ? seconds(form.DialCallDuration) : null,
    })
  }
  const status = form.CallStatus ?? ''
  if (status === 'ringing' || status === 'in-progress') return step({ kind: 'ringing' })
  if (ENDED.has(status)) return step({ kind: 'ended', seconds: seconds(form.CallDuration) })
  events.ignored.push(`call ${status.slice(0, 32) || '?'}`)
  return events
}

function transcription(form: Form, events: WebhookEvents) {
  const recordingSid = required(form, 'RecordingSid', RECORDING_SID)
  if (form.TranscriptionStatus !== 'completed' || !form.TranscriptionText) {
    events.ignored.push(`transcription ${(form.TranscriptionStatus ?? '?').slice(0, 32)}`)
    return events
  }
  events.transcriptions = [{ providerMessageId: recordingSid, text: form.TranscriptionText.slice(0, 10_000) }]
  return events
}

/** The conference's events Ascolto asks for (join, leave, end); the others are acknowledged only. */
const CONFERENCE_EVENTS = {
  'participant-join': 'join',
  'participant-leave': 'leave',
  'conference-end': 'end',
} as const

function conference(form: Form, at: Date, events: WebhookEvents) {
  const conferenceId = required(form, 'ConferenceSid', CONFERENCE_SID)
  const reported = form.StatusCallbackEvent ?? ''
  const event = Object.hasOwn(CONFERENCE_EVENTS, reported)
    ? CONFERENCE_EVENTS[reported as keyof typeof CONFERENCE_EVENTS]
    : undefined
  if (!event) {
    events.ignored.push(`conference ${reported.slice(0, 32)}`)
    return events
  }
  const room = required(form, 'FriendlyName')
  // Twilio's own time of the event (RFC 2822): reports retried or out of order keep their times
  const stamped = form.Timestamp ? new Date(form.Timestamp) : at
  events.conference = {
    room: room.slice(0, 64),
    conferenceId,
    event,
    legId: event === 'end' ? null : required(form, 'CallSid', CALL_SID),
    label: form.ParticipantLabel ? form.ParticipantLabel.slice(0, 64) : null,
    legStatus: form.ParticipantCallStatus ? form.ParticipantCallStatus.slice(0, 32) : null,
    at: Number.isNaN(stamped.getTime()) ? at : stamped,
  }
  return events
}

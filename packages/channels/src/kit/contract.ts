// The contract every channel implements. Only a channel's own folder knows its provider; past
// the adapter, everything speaks contact, conversation, message.

/**
 * What a person can send. Anything that is not plain text keeps its kind, so the console can
 * say what it was even where the text rendering is empty (an image without a caption).
 */
export type InboundKind =
  | 'text'
  | 'image'
  | 'audio'
  | 'video'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'reaction'
  | 'interactive'
  /** A message left on the phone: its recording is the media; the text, a transcription if any. */
  | 'voicemail'
  /** A phone call, as it stands in the caller's conversation: its facts are the call's own record. */
  | 'call'
  /** A report from the helpline's form: the text is its answers (the protocol's ReportMessageBody, JSON). */
  | 'report'
  | 'unsupported'

/** A file kept at the provider, fetched on demand later: nothing is downloaded at ingest. */
export type InboundMedia = {
  /** The provider's id of the file (not a URL: URLs expire, ids do not until the provider deletes the file). */
  providerMediaId: string
  mimeType: string | null
  sha256: string | null
  /** A voice note recorded in the app, rather than an audio file. */
  voice?: boolean
  animated?: boolean
  /** A recording's length in seconds, where the provider says it (a voicemail). */
  durationSeconds?: number
}

/** A message from a person, normalized: what ingest stores. */
export type InboundMessage = {
  /** The provider's own id: a retried delivery of the same message carries the same one. */
  providerMessageId: string
  /** The address that reaches the person on this channel (phone number, chat id, visitor token). */
  from: string
  receivedAt: Date
  kind: InboundKind
  /**
   * The text; for other kinds, what the console shows of them (a caption, a place, names), built
   * from the message's own data, never from words in one language. May be empty.
   */
  text: string
  media?: InboundMedia | null
  /** The provider id of the message this one answers or reacts to. */
  replyTo?: string | null
  /**
   * The person asked to receive nothing more on this channel (an SMS STOP), or asked again to
   * receive (START): Ascolto sends nothing to an opted-out person, and says so to the volunteer.
   */
  optOut?: 'stop' | 'start'
}

/**
 * One step of a phone call, as the provider reports it (each may come again, and in any order but
 * the first): the call ringing (the provider waits, in the same request, for what to do); a round
 * of phones ringing that ended (answered and how long the talk lasted, or not); the call's end; an
 * operator's phone picked up (the announcement is played to them) and their key pressed.
 */
export type CallStep =
  | { kind: 'ringing' }
  | {
      kind: 'dial-ended'
      /** the provider's id of this round of phones: a retried report names the same */
      dialId: string
      answered: boolean
      /** the caller hung up while the phones rang */
      canceled: boolean
      talkSeconds: number | null
    }
  | { kind: 'ended'; seconds: number | null }
  /** the caller left a voicemail: `providerMessageId` is the voicemail message's */
  | { kind: 'voicemail'; providerMessageId: string }
  /**
   * `to`: the operator's phone that picked up; `legId`: the provider's id of that leg (kept to move
   * the call into a conference); `accepted`: their key, once pressed
   */
  | { kind: 'screening'; to: string; legId: string; accepted?: boolean }

/** A phone call's step: `providerCallId` is the caller's call, `from` the caller (none in a screening). */
export type InboundCall = {
  providerCallId: string
  /** The caller's number (or what the network gave for a withheld one); null on an operator's leg. */
  from: string | null
  receivedAt: Date
  step: CallStep
}

/** A phone to ring: the operator's (their id) or the door's configured number (null). */
export type PhoneToRing = { number: string; operatorId: string | null }

/** What the helpline decided at a step of a call: the channel says it in its provider's words. */
export type CallAnswer =
  /** the caller is blocked: the call is refused */
  | { action: 'reject' }
  /** these phones ring at once, showing the helpline's number; each hears `announcement` first */
  | { action: 'ring'; phones: PhoneToRing[]; announcement: string; language: 'it' | 'en' }
  /**
   * Nobody to ring (or nobody answered): the message is said and a voicemail recorded. `open`:
   * the helpline is in its hours.
   */
  | { action: 'answer'; open: boolean; message: string; language: 'it' | 'en' }
  /** to an operator's phone: the announcement, waiting for their key */
  | { action: 'announce'; announcement: string; language: 'it' | 'en' }
  /** the operator accepted: the two are connected */
  | { action: 'connect' }
  /** the call (or the operator's leg) ends here */
  | { action: 'hangup' }
  /** the caller joins the call's conference `room` (a mediator is being called in); it ends when they leave */
  | { action: 'conference'; room: string }
  /** nothing to say: a report only */
  | { action: 'none' }

/**
 * What a conference reports of itself (a call a mediator joins runs as one): `room` is the name
 * Ascolto gave it (the call's own id), `conferenceId` the provider's; a participant's leg joined
 * or left (`label`: the one Ascolto gave a participant it added; `legStatus`: how a leg that never
 * joined ended), or the conference ended. `at` is the provider's own time of the event.
 */
export type ConferenceEvent = {
  room: string
  conferenceId: string
  event: 'join' | 'leave' | 'end'
  legId: string | null
  label: string | null
  legStatus: string | null
  at: Date
}

/** A transcription of a voicemail, arriving after it: `providerMessageId` is the voicemail's. */
export type InboundTranscription = { providerMessageId: string; text: string }

/**
 * A reply to deliver, already decrypted by the worker. `template`: the channel's own message that
 * re-opens a conversation whose reply window has closed (its `reopeningTemplate`), not free text.
 * `media`: a file the volunteer attached (checked when it was attached); `text` is then its caption.
 */
export type OutboundMessage = {
  id: string
  text: string
  createdAt: Date
  template?: boolean
  /** Written by a person of the line, not an automatic reply: the widget says someone is there. */
  fromLine?: boolean
  media?: { bytes: Buffer; mimeType: string } | null
  /** The provider id of the person's last message before this one: what an e-mail reply threads under. */
  inReplyTo?: string | null
}

/** A file a person sent, fetched from the provider: what the worker checks, seals and stores. */
export type FetchedMedia = { bytes: Buffer; mimeType: string; sha256: Buffer }

/** A channel's secrets (tokens, app secrets), opened from their sealed column only when needed. */
export type ChannelSecrets = Readonly<Record<string, string>>

export type ChannelConnection = {
  id: string
  helplineId: string
  config: Record<string, unknown>
  /** Present where the caller opened them (sending, verifying a webhook); never sent to a browser. */
  secrets?: ChannelSecrets | null
}

/** What a channel may use to send: a push to a widget's sockets (the web chat has no provider). */
export type SendContext = { pushToWidget: (room: string, event: string, payload: unknown) => void }

export type SendResult = {
  providerMessageId: string
  /** A file uploaded for the reply, which the provider keeps until it is deleted (eraseCopies). */
  providerMediaId?: string
}

/** The provider's ids of what erasure or retention deleted: messages, and files by their own ids. */
export type ProviderCopies = { messageIds: readonly string[]; mediaIds: readonly string[] }

export type ChannelCapabilities = {
  media: boolean
  typing: boolean
  readReceipts: boolean
  /**
   * Hours after a person's last message in which free-form replies may go (WhatsApp: 24). Past
   * them a reply is held, the channel's reopening template is sent instead, and the held reply
   * goes the moment the person writes again.
   */
  replyWindowHours?: number
  /**
   * The stored "address" is a bearer secret, not a way to reach the person (the web chat's visitor
   * token): staff never see it, in a reveal or an export; it only finds the person's own chat.
   */
  addressIsCredential?: boolean
  /** The address is a phone number the line can ring: a case's call-back goes to it. */
  calls?: boolean
}

/** Where an outbound message is, as its provider reports it later (queued is Ascolto's own). */
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed'

export type DeliveryStatusUpdate = {
  /** The id the provider gave the message when it was sent. */
  providerMessageId: string
  status: DeliveryStatus
  at: Date
  /** The provider's code, for a failure: shown to the volunteer. */
  errorCode: string | null
}

/** A provider's webhook request as it arrived: the signature covers these exact bytes. */
export type WebhookRequest = {
  headers: Readonly<Record<string, string | string[] | undefined>>
  rawBody: Buffer
  /** The URL the provider called, as the public sees it (some providers sign the URL too). */
  url?: string
}

/** Everything one webhook call carried, normalized. */
export type WebhookEvents = {
  messages: InboundMessage[]
  statuses: DeliveryStatusUpdate[]
  /** What arrived and is deliberately not taken (another number, a group, a call), one reason each: for the log. */
  ignored: string[]
  /** A call ringing now, for channels that take calls: the answer goes back in the response. */
  call?: InboundCall
  /** Transcriptions of voicemails received before. */
  transcriptions?: InboundTranscription[]
  /** A conference's report, for channels whose calls can take a mediator. */
  conference?: ConferenceEvent
}

/** A channel's own answer to its provider (TwiML, say), instead of Ascolto's JSON acknowledgement. */
export type WebhookResponse = { contentType: string; body: string }

/** Receiving from a provider that calls Ascolto over HTTP: a subscription handshake, signed events. */
export interface WebhookReceiver {
  /** The provider's check that the URL is ours (a GET): the challenge to echo, or a refusal. */
  handshake: (
    query: Readonly<Record<string, unknown>>,
    connection: ChannelConnection,
  ) => { status: 200; body: string } | { status: 403 }
  /** Whether the request was signed by the provider, in constant time. */
  verify: (request: WebhookRequest, connection: ChannelConnection) => boolean
  /** The events of a verified request; a body that is not the provider's format throws WebhookPayloadError. */
  parse: (rawBody: Buffer, connection: ChannelConnection) => WebhookEvents
  /**
   * For providers that read the answer (TwiML): what to send back once everything is committed;
   * `call` is the helpline's decision when the events carried a call. Without it, the answer is JSON.
   */
  /** For channels that take calls: the door's own number, rung after the operators' phones (none: voicemail). */
  fallbackPhone?: (connection: ChannelConnection) => string | null
  respond?: (
    events: WebhookEvents,
    connection: ChannelConnection,
    context: { call?: CallAnswer },
  ) => WebhookResponse
}

/** A live call's conference at the provider (the calls of a door that can take a mediator). */
export interface CallConference {
  /**
   * Moves the answering operator's leg into the conference `room`; the provider then asks the
   * caller's side what next (the webhook answers the same conference).
   */
  move: (connection: ChannelConnection, operatorLegId: string, room: string) => Promise<void>
  /** Calls `to` into the conference from the door's own number; `label` comes back in its reports. */
  add: (
    connection: ChannelConnection,
    conferenceId: string,
    to: string,
    label: string,
  ) => Promise<{ legId: string }>
  /** Takes a participant's leg out of the conference (gone already is done). */
  remove: (connection: ChannelConnection, conferenceId: string, legId: string) => Promise<void>
}

export interface ChannelAdapter {
  readonly kind: string
  readonly capabilities: ChannelCapabilities
  send: (
    connection: ChannelConnection,
    to: string,
    message: OutboundMessage,
    context: SendContext,
  ) => Promise<SendResult>
  /** For channels whose provider calls a webhook (`/webhooks/<kind>/<channelId>`). */
  readonly webhook?: WebhookReceiver
  /**
   * Fetches a file a person sent: the worker calls it soon after ingest (a provider's download
   * URL expires within minutes, so it is asked for then, never stored). A file over `maxBytes`
   * is refused with a ChannelSendError that is not retryable.
   */
  fetchMedia?: (
    connection: ChannelConnection,
    media: InboundMedia,
    limits: { maxBytes: number },
  ) => Promise<FetchedMedia>
  /**
   * Deletes the provider's own copies of these messages and files (bodies, media, recordings)
   * where it keeps them, when erasure or retention deletes Ascolto's. An id it no longer has is done.
   */
  eraseCopies?: (connection: ChannelConnection, copies: ProviderCopies) => Promise<void>
  /** For channels whose calls can take a third party: the provider's conference, driven by its API. */
  readonly conference?: CallConference
  /** Whether this connection tells people their messages were read (a setting of the helpline's). */
  sendsReadReceipts?: (connection: ChannelConnection) => boolean
  /** Tells the provider the helpline has read the person's message (their app shows it). */
  markRead?: (connection: ChannelConnection, providerMessageId: string) => Promise<void>
  /** Sends per second this connection may make, the provider's throughput limit; null: unpaced. */
  pace?: (connection: ChannelConnection) => number | null
  /** The message that re-opens a closed reply window, as the console shows it; null: none configured. */
  reopeningTemplate?: (connection: ChannelConnection) => { text: string } | null
}

/**
 * A call to the provider that failed (a send, a file fetch, a read receipt); `retryable` says
 * whether trying again later can help (429, 5xx, time-outs); `outsideWindow`, that the provider
 * refused free text because the reply window had closed: the reply is then held, not failed.
 */
export class ChannelSendError extends Error {
  readonly retryable: boolean
  readonly code: string
  readonly outsideWindow: boolean
  constructor(code: string, message: string, retryable: boolean, options: { outsideWindow?: boolean } = {}) {
    super(message)
    this.code = code
    this.retryable = retryable
    this.outsideWindow = options.outsideWindow ?? false
  }
}

/** A verified webhook body that is not the provider's format: a 400 that says what is wrong. */
export class WebhookPayloadError extends Error {}

/** A channel whose settings or secrets are missing or wrong: it cannot verify or send until fixed. */
export class ChannelConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`The channel's settings are not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.problems = problems
  }
}

// The contract every channel implements. Only a channel's own folder knows its provider; past
// the adapter, everything speaks contact, conversation, message.

/** A message from a person, normalized: what ingest stores. */
export type InboundMessage = {
  /** The provider's own id: a retried delivery of the same message carries the same one. */
  providerMessageId: string
  /** The address that reaches the person on this channel (phone number, chat id, visitor token). */
  from: string
  receivedAt: Date
  kind: 'text'
  text: string
}

/** A reply to deliver, already decrypted by the worker. */
export type OutboundMessage = { id: string; text: string; createdAt: Date }

export type ChannelConnection = { id: string; helplineId: string; config: Record<string, unknown> }

/** What a channel may use to send: a push to a widget's sockets (the web chat has no provider). */
export type SendContext = { pushToWidget: (room: string, event: string, payload: unknown) => void }

export type SendResult = { providerMessageId: string }

export type ChannelCapabilities = { media: boolean; typing: boolean; readReceipts: boolean }

export interface ChannelAdapter {
  readonly kind: string
  readonly capabilities: ChannelCapabilities
  send: (
    connection: ChannelConnection,
    to: string,
    message: OutboundMessage,
    context: SendContext,
  ) => Promise<SendResult>
}

/** A send that failed; `retryable` says whether trying again later can help (429, 5xx, time-outs). */
export class ChannelSendError extends Error {
  readonly retryable: boolean
  readonly code: string
  constructor(code: string, message: string, retryable: boolean) {
    super(message)
    this.code = code
    this.retryable = retryable
  }
}

// What the console sees of a channel's delivery rules: the files people sent (fetched and sealed
// by the worker) and the reply window some channels impose (WhatsApp: 24 hours).
import Type, { type Static } from 'typebox'

export const MediaStatus = Type.Union([
  /** the worker is fetching it from the provider */
  Type.Literal('pending'),
  /** kept sealed; GET /api/messages/:id/media serves it */
  Type.Literal('stored'),
  /** too large, or of a type Ascolto does not open */
  Type.Literal('refused'),
  /** the provider would not give it (gone, expired, broken) */
  Type.Literal('failed'),
])

export const MessageMediaFields = {
  /** A file the person sent with the message; null when there is none. */
  media: Type.Union([
    Type.Object({
      status: MediaStatus,
      /** The checked type once stored (e.g. audio/ogg), the provider's word before. */
      mimeType: Type.Union([Type.String(), Type.Null()]),
      /** A voice note recorded in the app, rather than an audio file. */
      voice: Type.Boolean(),
      /** A recording's length (a voicemail), shown before it is played; null: not known. */
      durationSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
}

/** What a conversation's channel lets a reply be. */
export const DeliveryRuleFields = {
  /**
   * When the channel stops taking free-form replies (24 hours after the person's last message on
   * WhatsApp); null on channels without a window. Past it a reply is held, the approved template
   * is sent instead, and the reply goes when the person answers.
   */
  replyWindowClosesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The channel carries files: a volunteer may attach one (POST /api/conversations/:id/attachments). */
  canAttach: Type.Boolean(),
}

/** Largest file a volunteer can attach (WhatsApp's limit for audio and video). */
export const MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024

/** A file a volunteer attaches to a reply, in base64, with their words as its caption. */
export const AttachmentBody = Type.Object(
  {
    mimeType: Type.String({ minLength: 3, maxLength: 100, pattern: '^[a-z]+/[a-z0-9.+-]+$' }),
    /** base64 of at most MAX_ATTACHMENT_BYTES */
    data: Type.String({
      minLength: 4,
      maxLength: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4,
      pattern: '^[A-Za-z0-9+/]+={0,2}$',
    }),
    caption: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
)
export type AttachmentBody = Static<typeof AttachmentBody>

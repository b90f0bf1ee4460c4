// The files Ascolto keeps and shows: what WhatsApp, SMS and e-mail carry for people to send, and
// nothing a browser would run (no HTML, no SVG, no scripts). A type outside this list is refused
// and the volunteer is told a file came that Ascolto does not open.

/** Larger files are refused (WhatsApp's own limit for audio and video; images are 5 MB there). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024

/** Shown in the page (the console plays and displays them); everything else is a download. */
const INLINE = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'audio/aac',
  'audio/amr',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'video/mp4',
  'video/3gpp',
])

const DOWNLOAD = new Set([
  'application/pdf',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
])

/** `audio/ogg; codecs=opus` → `audio/ogg`: parameters never reach a response header. */
export const baseMimeType = (mimeType: string) => mimeType.split(';', 1)[0]?.trim().toLowerCase() ?? ''

export const isAcceptedMediaType = (mimeType: string) => {
  const base = baseMimeType(mimeType)
  return INLINE.has(base) || DOWNLOAD.has(base)
}

export const isShownInline = (mimeType: string) => INLINE.has(baseMimeType(mimeType))

// Twilio signs each webhook with the account's auth token: X-Twilio-Signature is the base64
// HMAC-SHA1 of the full URL it called followed by every POST parameter, sorted by name, each
// name and value appended. The URL is the public one (behind Ascolto's proxy), so the route
// passes it. Twilio's own validator does the work, in constant time.
import twilio from 'twilio'

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature'

/** The form parameters of a body, as Twilio sent them (a repeated name keeps its last value). */
export function formOf(rawBody: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')))
}

export function isSignedByTwilio(
  authToken: string,
  url: string | undefined,
  params: Record<string, string>,
  header: string | string[] | undefined,
) {
  if (typeof header !== 'string' || !url) return false
  return twilio.validateRequest(authToken, header, url, params)
}

/** The header value Twilio sends for this URL and these parameters: what the fake signs with. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>) {
  return twilio.getExpectedTwilioSignature(authToken, url, params)
}

// A Twilio phone number's connection: plain settings (the account, the number, where Twilio's API
// is, where its callbacks go, the on-shift phone calls are forwarded to in hours) and one secret,
// the account's auth token, which both signs Twilio's webhooks and authenticates Ascolto's calls.
import { isHttpUrl } from '../kit/connection-checks.ts'
import { ChannelConfigError, type ChannelConnection } from '../kit/contract.ts'

export const TWILIO_API_URL = 'https://api.twilio.com'

export type TwilioConfig = {
  /** AC followed by 32 hex digits. */
  accountSid: string
  /** The helpline's Twilio number, E.164 (+390212345678): the sender of replies. */
  phoneNumber: string
  /** https://api.twilio.com, or a local fake for tests and the demo. */
  apiBaseUrl: string
  /** Ascolto's public address (ASCOLTO_PUBLIC_URL): status callbacks go to its /webhooks/twilio/<channelId>. */
  publicUrl: string
  /** In hours, calls are forwarded here (E.164); none: every call gets the message and a voicemail. */
  forwardTo?: string | null
  /** How long a send may take before it is tried again later (default 10 s, below the outbox lease). */
  timeoutMs?: number
}

export type TwilioSecrets = { authToken: string }

export type TwilioConnectionInput = {
  accountSid?: string
  phoneNumber?: string
  authToken?: string
  apiBaseUrl?: string
  publicUrl?: string
  forwardTo?: string | null
}

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/
const E164 = /^\+[1-9]\d{6,14}$/
const AUTH_TOKEN = /^[0-9a-zA-Z]{32}$/

function problemsOfConfig(config: Partial<Record<keyof TwilioConfig, unknown>>): string[] {
  const problems: string[] = []
  if (typeof config.accountSid !== 'string' || !ACCOUNT_SID.test(config.accountSid)) {
    problems.push('account SID: AC followed by 32 hex digits (Twilio Console > Account info)')
  }
  if (typeof config.phoneNumber !== 'string' || !E164.test(config.phoneNumber)) {
    problems.push('phone number: the Twilio number in E.164, e.g. +390212345678')
  }
  if (!isHttpUrl(config.apiBaseUrl)) {
    problems.push('API base URL: an http(s) URL without a query, e.g. https://api.twilio.com')
  }
  if (!isHttpUrl(config.publicUrl)) problems.push("public URL: Ascolto's public http(s) address")
  if (config.forwardTo != null && (typeof config.forwardTo !== 'string' || !E164.test(config.forwardTo))) {
    problems.push('forward to: the on-shift phone in E.164, e.g. +393471234567')
  }
  const { timeoutMs } = config
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && Number(timeoutMs) >= 100 && Number(timeoutMs) <= 15_000)
  ) {
    problems.push('timeout: between 100 and 15000 milliseconds')
  }
  return problems
}

/** Checks a new connection's settings and secret, naming every problem at once. */
export function twilioConnection(input: TwilioConnectionInput): {
  config: TwilioConfig
  secrets: TwilioSecrets
} {
  const config: TwilioConfig = {
    accountSid: input.accountSid?.trim() ?? '',
    phoneNumber: input.phoneNumber?.replace(/[\s-]/g, '') ?? '',
    apiBaseUrl: (input.apiBaseUrl?.trim() || TWILIO_API_URL).replace(/\/+$/, ''),
    publicUrl: input.publicUrl?.trim().replace(/\/+$/, '') ?? '',
    forwardTo: input.forwardTo?.replace(/[\s-]/g, '') || null,
  }
  const secrets = { authToken: input.authToken?.trim() ?? '' }
  const problems = problemsOfConfig(config)
  if (!AUTH_TOKEN.test(secrets.authToken)) problems.push('auth token: 32 letters and digits')
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return { config, secrets }
}

/** The stored settings of a connection, checked: a broken row is a configuration error, not a crash. */
export function configOf(connection: ChannelConnection): TwilioConfig {
  const config = connection.config as Partial<Record<keyof TwilioConfig, unknown>>
  const problems = problemsOfConfig(config)
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return config as TwilioConfig
}

export function authTokenOf(connection: ChannelConnection): string {
  const value = connection.secrets?.authToken
  if (!value) throw new ChannelConfigError(['authToken is not configured'])
  return value
}

/** Where Twilio calls back for this channel: the same door for messages, statuses, calls, recordings. */
export function webhookUrlOf(config: TwilioConfig, channelId: string) {
  return `${config.publicUrl}/webhooks/twilio/${channelId}`
}

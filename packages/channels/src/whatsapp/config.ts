// A WhatsApp number's connection: what is plain settings (which number, which Graph API) and what
// is secret (the access token, the app secret that signs webhooks, the verify token of the
// handshake). Secrets are sealed by core and reach the adapter only inside a ChannelConnection.
import { ChannelConfigError, type ChannelConnection } from '../kit/contract.ts'

export const WHATSAPP_GRAPH_URL = 'https://graph.facebook.com'
export const WHATSAPP_API_VERSION = 'v24.0'

export type WhatsAppConfig = {
  /** The business phone number's id in the Cloud API (not the number itself). */
  phoneNumberId: string
  /** https://graph.facebook.com, or a local fake for tests and the demo. */
  graphBaseUrl: string
  apiVersion: string
  /** How long a send may take before it is tried again later (default 10 s, below the outbox lease). */
  timeoutMs?: number
}

export type WhatsAppSecrets = { accessToken: string; appSecret: string; verifyToken: string }

export type WhatsAppConnectionInput = {
  phoneNumberId?: string
  accessToken?: string
  appSecret?: string
  verifyToken?: string
  graphBaseUrl?: string
  apiVersion?: string
}

const PHONE_NUMBER_ID = /^\d{1,32}$/
const API_VERSION = /^v\d{1,3}\.\d{1,3}$/
// tokens travel in headers and query strings: printable ASCII without spaces, of a sane length
const TOKEN = /^[\x21-\x7e]{8,2048}$/

function problemsOfConfig(config: Partial<Record<keyof WhatsAppConfig, unknown>>): string[] {
  const problems: string[] = []
  if (typeof config.phoneNumberId !== 'string' || !PHONE_NUMBER_ID.test(config.phoneNumberId)) {
    problems.push("phone number id: the digits of the number's id in the Cloud API (not the phone number)")
  }
  if (typeof config.graphBaseUrl !== 'string' || !isHttpUrl(config.graphBaseUrl)) {
    problems.push('graph base URL: an http(s) URL without a path, e.g. https://graph.facebook.com')
  }
  if (typeof config.apiVersion !== 'string' || !API_VERSION.test(config.apiVersion)) {
    problems.push('API version: like v24.0')
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

function isHttpUrl(value: string) {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === ''
  } catch {
    return false
  }
}

/** Checks a new connection's settings and secrets, naming every problem at once. */
export function whatsappConnection(input: WhatsAppConnectionInput): {
  config: WhatsAppConfig
  secrets: WhatsAppSecrets
} {
  const config = {
    phoneNumberId: input.phoneNumberId?.trim() ?? '',
    graphBaseUrl: (input.graphBaseUrl?.trim() || WHATSAPP_GRAPH_URL).replace(/\/+$/, ''),
    apiVersion: input.apiVersion?.trim() || WHATSAPP_API_VERSION,
  }
  const secrets = {
    accessToken: input.accessToken?.trim() ?? '',
    appSecret: input.appSecret?.trim() ?? '',
    verifyToken: input.verifyToken?.trim() ?? '',
  }
  const problems = problemsOfConfig(config)
  if (!TOKEN.test(secrets.accessToken)) problems.push('access token: missing, or not a token')
  if (!TOKEN.test(secrets.appSecret)) problems.push('app secret: missing, or not a secret')
  if (!TOKEN.test(secrets.verifyToken)) {
    problems.push('verify token: at least 8 printable characters, no spaces')
  }
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return { config, secrets }
}

/** The stored settings of a connection, checked: a broken row is a configuration error, not a crash. */
export function configOf(connection: ChannelConnection): WhatsAppConfig {
  const config = connection.config as Partial<Record<keyof WhatsAppConfig, unknown>>
  const problems = problemsOfConfig(config)
  if (problems.length > 0) throw new ChannelConfigError(problems)
  return config as WhatsAppConfig
}

/** One secret of a connection, or a configuration error naming it. */
export function secretOf(connection: ChannelConnection, name: keyof WhatsAppSecrets): string {
  const value = connection.secrets?.[name]
  if (!value) throw new ChannelConfigError([`${name} is not configured`])
  return value
}

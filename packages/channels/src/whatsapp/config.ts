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
  /**
   * The approved template that re-opens a conversation past the 24-hour window ("you have a
   * reply from us: answer this message to read it"): its name and language at Meta, and its
   * text as the console shows it. Without one, a held reply waits for the person to write.
   */
  template?: WhatsAppTemplate
  /** Send read receipts when a volunteer has the conversation open (the person sees blue ticks). */
  markAsRead?: boolean
  /** Messages per second this number may send (Meta's throughput is 80 for most numbers). */
  maxPerSecond?: number
}

export type WhatsAppTemplate = { name: string; language: string; text: string }

/** Meta's default throughput per business number. */
export const DEFAULT_MAX_PER_SECOND = 80

export type WhatsAppSecrets = { accessToken: string; appSecret: string; verifyToken: string }

export type WhatsAppConnectionInput = {
  phoneNumberId?: string
  accessToken?: string
  appSecret?: string
  verifyToken?: string
  graphBaseUrl?: string
  apiVersion?: string
  template?: Partial<WhatsAppTemplate>
  markAsRead?: boolean
  maxPerSecond?: number
}

const PHONE_NUMBER_ID = /^\d{1,32}$/
const API_VERSION = /^v\d{1,3}\.\d{1,3}$/
// tokens travel in headers and query strings: printable ASCII without spaces, of a sane length
const TOKEN = /^[\x21-\x7e]{8,2048}$/
// Meta's template names: lower case, digits and underscores; languages like it, en_US, pt_BR
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/
const TEMPLATE_LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/

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
  const { template, markAsRead, maxPerSecond } = config
  if (template !== undefined) problems.push(...problemsOfTemplate(template))
  if (markAsRead !== undefined && typeof markAsRead !== 'boolean')
    problems.push('mark as read: true or false')
  if (
    maxPerSecond !== undefined &&
    !(typeof maxPerSecond === 'number' && maxPerSecond > 0 && maxPerSecond <= 1000)
  ) {
    problems.push('messages per second: more than 0, at most 1000')
  }
  return problems
}

function problemsOfTemplate(template: unknown): string[] {
  const { name, language, text } = (template ?? {}) as Record<string, unknown>
  const problems: string[] = []
  if (typeof name !== 'string' || !TEMPLATE_NAME.test(name)) {
    problems.push("template name: the approved template's name, lower case letters, digits and _")
  }
  if (typeof language !== 'string' || !TEMPLATE_LANGUAGE.test(language)) {
    problems.push("template language: the template's language code at Meta, e.g. it or en_US")
  }
  if (typeof text !== 'string' || text.trim().length === 0 || text.length > 1024) {
    problems.push('template text: what the template says, as volunteers will see it (1 to 1024 characters)')
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
  const config: WhatsAppConfig = {
    phoneNumberId: input.phoneNumberId?.trim() ?? '',
    graphBaseUrl: (input.graphBaseUrl?.trim() || WHATSAPP_GRAPH_URL).replace(/\/+$/, ''),
    apiVersion: input.apiVersion?.trim() || WHATSAPP_API_VERSION,
    ...(input.template
      ? {
          template: {
            name: input.template.name?.trim() ?? '',
            language: input.template.language?.trim() ?? '',
            text: input.template.text?.trim() ?? '',
          },
        }
      : {}),
    ...(input.markAsRead !== undefined ? { markAsRead: input.markAsRead } : {}),
    ...(input.maxPerSecond !== undefined ? { maxPerSecond: input.maxPerSecond } : {}),
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

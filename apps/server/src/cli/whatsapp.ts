// `ascolto connect-whatsapp`: a helpline's WhatsApp number as a new channel. Tokens come from
// files (never the command line, where `ps` and the shell history would keep them), are checked
// all at once, and are stored sealed; what is printed is the callback URL to paste into Meta's
// App Dashboard, which carries an opaque channel id and nothing else.
import { randomBytes } from 'node:crypto'
import { whatsappConnection } from '@ascolto/channels'
import { connectChannel, type Keyring } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import { checkedConnection, readSecretFile } from './connection-input.ts'
import { helplineIdOf } from './settings.ts'

export type ConnectWhatsAppOptions = {
  helpline: string
  name?: string
  phoneNumberId?: string
  accessTokenFile?: string
  appSecretFile?: string
  verifyToken?: string
  verifyTokenFile?: string
  graphUrl?: string
  apiVersion?: string
  template?: string
  templateLanguage?: string
  templateText?: string
  markAsRead?: boolean
  maxPerSecond?: string
}

export async function connectWhatsApp(db: Queryable, keyring: Keyring, options: ConnectWhatsAppOptions) {
  const problems: string[] = []
  const accessToken = await readSecretFile(options.accessTokenFile, 'access-token-file', problems)
  const appSecret = await readSecretFile(options.appSecretFile, 'app-secret-file', problems)
  const givenToken = options.verifyTokenFile
    ? await readSecretFile(options.verifyTokenFile, 'verify-token-file', problems)
    : options.verifyToken
  if (!options.phoneNumberId) problems.push('--phone-number-id is required')
  const templateGiven = [options.template, options.templateLanguage, options.templateText].some(Boolean)
  const maxPerSecond = options.maxPerSecond === undefined ? undefined : Number(options.maxPerSecond)
  // what could not be read is reported once, above; everything else is checked with it
  const stand = 'x'.repeat(16)
  const connection = checkedConnection(problems, () =>
    whatsappConnection({
      phoneNumberId: options.phoneNumberId ?? '0',
      accessToken: accessToken ?? stand,
      appSecret: appSecret ?? stand,
      // no token given: one is made, to paste into Meta's dashboard with the URL
      verifyToken: givenToken ?? randomBytes(24).toString('base64url'),
      graphBaseUrl: options.graphUrl,
      apiVersion: options.apiVersion,
      template: templateGiven
        ? { name: options.template, language: options.templateLanguage, text: options.templateText }
        : undefined,
      markAsRead: options.markAsRead || undefined,
      maxPerSecond,
    }),
  )
  const { config, secrets } = connection
  const helplineId = await helplineIdOf(db, options.helpline)
  const channel = await connectChannel(db, keyring, {
    helplineId,
    kind: 'whatsapp',
    name: options.name ?? 'WhatsApp',
    config,
    secrets,
  })
  return { channelId: channel.id, verifyToken: givenToken ? null : secrets.verifyToken, config }
}

export function formatConnected(
  connected: Awaited<ReturnType<typeof connectWhatsApp>>,
  publicUrl: string,
): string {
  const url = `${publicUrl.replace(/\/+$/, '')}/webhooks/whatsapp/${connected.channelId}`
  return [
    `WhatsApp number ${connected.config.phoneNumberId} connected (channel ${connected.channelId}).`,
    '',
    "In Meta's App Dashboard, WhatsApp > Configuration > Webhook:",
    `  Callback URL:  ${url}`,
    connected.verifyToken
      ? `  Verify token:  ${connected.verifyToken}   (made for you: shown only this once)`
      : '  Verify token:  the one you gave',
    '  Then subscribe to the "messages" field.',
    '',
    connected.config.template
      ? `Past the 24-hour window replies wait, and the template "${connected.config.template.name}" asks the person to answer.`
      : 'No template: past the 24-hour window replies wait until the person writes again (see --template).',
    '',
    'The URL must be reachable from the internet over HTTPS (set ASCOLTO_PUBLIC_URL to its address).',
  ].join('\n')
}

// `ascolto connect-twilio`: a helpline's Twilio number (SMS and phone) as a new channel. The auth
// token comes from a file (never the command line, where `ps` and the shell history keep it), is
// checked with the rest at once, and stored sealed; what is printed is the one webhook URL to
// paste into the number's Messaging and Voice settings, which carries an opaque channel id only.
import { twilioConnection, twilioWebhookUrl } from '@ascolto/channels'
import { connectChannel, type Keyring } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import { checkedConnection, readSecretFile } from './connection-input.ts'
import { helplineIdOf } from './settings.ts'

export type ConnectTwilioOptions = {
  helpline: string
  name?: string
  accountSid?: string
  phoneNumber?: string
  authTokenFile?: string
  forwardTo?: string
  apiUrl?: string
  publicUrl: string
}

export async function connectTwilio(db: Queryable, keyring: Keyring, options: ConnectTwilioOptions) {
  const problems: string[] = []
  const authToken = await readSecretFile(options.authTokenFile, 'auth-token-file', problems)
  if (!options.accountSid) problems.push('--account-sid is required')
  if (!options.phoneNumber) problems.push('--phone-number is required')
  const connection = checkedConnection(problems, () =>
    twilioConnection({
      accountSid: options.accountSid ?? `AC${'0'.repeat(32)}`,
      phoneNumber: options.phoneNumber ?? '+10000000000',
      // what could not be read is reported once, above
      authToken: authToken ?? '0'.repeat(32),
      apiBaseUrl: options.apiUrl,
      publicUrl: options.publicUrl,
      forwardTo: options.forwardTo ?? null,
    }),
  )
  const { config, secrets } = connection
  const helplineId = await helplineIdOf(db, options.helpline)
  const channel = await connectChannel(db, keyring, {
    helplineId,
    kind: 'twilio',
    name: options.name ?? 'Telefono e SMS',
    config,
    secrets,
  })
  return { channelId: channel.id, config, webhookUrl: twilioWebhookUrl(config, channel.id) }
}

export function formatTwilioConnected(connected: Awaited<ReturnType<typeof connectTwilio>>): string {
  return [
    `Twilio number ${connected.config.phoneNumber} connected (channel ${connected.channelId}).`,
    '',
    'In the Twilio Console, Phone Numbers > Manage > Active numbers > this number:',
    `  Messaging, "A message comes in":  Webhook, HTTP POST, ${connected.webhookUrl}`,
    `  Voice, "A call comes in":         Webhook, HTTP POST, ${connected.webhookUrl}`,
    connected.config.forwardTo
      ? `In opening hours calls are forwarded to ${connected.config.forwardTo}; out of hours callers leave a voicemail.`
      : 'Every call gets the helpline’s message and a voicemail (no on-shift phone: --forward-to).',
    '',
    'Twilio signs each request over this exact URL: ASCOLTO_PUBLIC_URL must be the address Twilio calls.',
  ].join('\n')
}

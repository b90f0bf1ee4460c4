// A person writing through their door, as the provider would deliver it: WhatsApp's signed
// webhook, Twilio's signed SMS and voicemail (the recording served by the fake), Telegram's
// update with its secret, e-mail into the helpline's IMAP mailbox (Ascolto's worker reads it on its
// own time: the write waits for the console's news of the stored message), the web chat over its
// API and socket. Each person comes from their own address (documentation ranges), as they would
// through the proxy in front of Ascolto.
import { randomBytes, randomUUID } from 'node:crypto'
import type { ConversationView, MessageView } from '@ascolto/protocol'
import type { Socket } from 'socket.io-client'
import { postTelegramWebhook, telegramUpdate } from '../../apps/server/src/testing/fake-telegram.ts'
import {
  postTwilioWebhook,
  silentMp3,
  twilioRecorded,
  twilioRecordingStatus,
  twilioSid,
  twilioSms,
  twilioTranscription,
} from '../../apps/server/src/testing/fake-twilio.ts'
import {
  postWhatsAppWebhook,
  whatsappPayload,
  whatsappText,
} from '../../apps/server/src/testing/fake-whatsapp.ts'
import { connectConsole, connectWidget, nextEvent } from '../../apps/server/src/testing/sockets.ts'
import type { Person } from './arrivals.ts'
import type { Installation } from './installation.ts'

const phoneOf = (person: Person) => `+39347${String(1_000_000 + person.id).padStart(7, '0')}`
const mailAddressOf = (person: Person) => `persona.${person.id}@posta.simulation.example.org`
const addressOf = (person: Person) => `198.51.${Math.floor(person.id / 250) % 256}.${(person.id % 250) + 1}`

/** The web chat's questions before the first message, each answered with its first option. */
function prechatOf(installation: Installation) {
  const widget = installation.settings.widget
  const answers = Object.fromEntries((widget?.questions ?? []).map((q) => [q.id, q.options[0]?.id ?? '']))
  return {
    answers,
    ...(installation.settings.policy ? { policyVersion: installation.settings.policy.version } : {}),
  }
}

export type Doors = ReturnType<typeof openDoors>

export function openDoors(installation: Installation) {
  const { doors, url } = installation
  const widgetTokens = new Map<number, string>()
  const widgetSockets = new Map<number, Socket>()
  // the coordinator's console: it hears each stored message and each reply sent
  let coordinatorConsole: Socket | undefined
  const consoleSocket = async () => {
    coordinatorConsole ??= await connectConsole(url, installation.coordinatorCookie)
    return coordinatorConsole
  }
  const must = async (what: string, answer: Promise<{ status: number }>) => {
    const { status } = await answer
    if (status >= 300) throw new Error(`${what} refused: ${status}`)
  }

  return {
    /** Delivers what the person wrote (or, on the phone, the voicemail they left). */
    async write(person: Person, text: string, at: Date) {
      switch (person.door) {
        case 'whatsapp': {
          const door = doors.whatsapp
          if (!door) throw new Error('no WhatsApp door')
          const payload = whatsappPayload({
            messages: [whatsappText({ phone: phoneOf(person).slice(1) }, text)],
          })
          return must(
            'WhatsApp webhook',
            postWhatsAppWebhook(door.channel.webhookUrl, door.channel.appSecret, payload),
          )
        }
        case 'sms': {
          const door = doors.twilio
          if (!door) throw new Error('no Twilio door')
          return must(
            'SMS webhook',
            postTwilioWebhook(door.channel.target, twilioSms(door.fake.accountSid, phoneOf(person), text)),
          )
        }
        case 'voicemail': {
          const door = doors.twilio
          if (!door) throw new Error('no Twilio door')
          const { accountSid } = door.fake
          const callSid = twilioSid('CA')
          const recordingSid = twilioSid('RE')
          door.fake.addRecording(recordingSid, silentMp3(3))
          const target = door.channel.target
          await must(
            'recorded call',
            postTwilioWebhook(target, twilioRecorded(accountSid, phoneOf(person), callSid, recordingSid)),
          )
          await must(
            'recording status',
            postTwilioWebhook(target, twilioRecordingStatus(accountSid, callSid, recordingSid)),
          )
          return must(
            'transcription',
            postTwilioWebhook(
              target,
              twilioTranscription(accountSid, phoneOf(person), callSid, recordingSid, text),
            ),
          )
        }
        case 'telegram': {
          const door = doors.telegram
          if (!door) throw new Error('no Telegram door')
          const update = telegramUpdate(700_000_000 + person.id, { text })
          return must(
            'Telegram webhook',
            postTelegramWebhook(door.channel.webhookUrl, door.channel.secret, update),
          )
        }
        case 'email': {
          const door = doors.email
          if (!door) throw new Error('no e-mail door')
          const stored = nextEvent<MessageView>(
            await consoleSocket(),
            'message.created',
            (m) => m.direction === 'inbound',
            60_000,
          )
          await door.deliver(mailOf(mailAddressOf(person), door.address, text, at))
          await stored
          return
        }
        case 'widget': {
          const channelId = doors.widget?.id
          if (!channelId) throw new Error('no web chat')
          const known = widgetTokens.get(person.id)
          const token = known ?? randomBytes(32).toString('base64url')
          widgetTokens.set(person.id, token)
          const site = installation.settings.widget?.allowedOrigins?.[0]
          const address = { 'x-forwarded-for': addressOf(person), ...(site ? { origin: site } : {}) }
          if (!widgetSockets.get(person.id)?.connected)
            widgetSockets.set(person.id, await connectWidget(url, channelId, token, address))
          return must(
            'web chat message',
            fetch(`${url}/api/widget/v1/channels/${channelId}/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...address },
              body: JSON.stringify({
                clientId: randomUUID(),
                text,
                ...(known ? {} : { prechat: prechatOf(installation) }),
              }),
            }),
          )
        }
      }
    },
    /**
     * The person closes the page; on the other doors they just stop writing. The server notes the
     * web chat's visitor away on its own time: the leaving waits for the console's news of it, so
     * the away time is this moment's whatever the machine's load.
     */
    async leave(person: Person, conversationId: string) {
      const socket = widgetSockets.get(person.id)
      if (!socket) return
      const away = nextEvent<ConversationView>(
        await consoleSocket(),
        'conversation.updated',
        (c) => c.id === conversationId,
        60_000,
      )
      socket.disconnect()
      widgetSockets.delete(person.id)
      await away
    },
    /** Once every reply written to an e-mail has left by SMTP (or failed): after each send, a look. */
    async repliesSettled() {
      const door = doors.email
      if (!door) return
      const socket = await consoleSocket()
      for (;;) {
        let heard = () => {}
        const updated = new Promise<void>((resolve) => {
          heard = resolve
          socket.once('message.updated', heard)
        })
        const queued = await installation.pool.query<{ n: number }>(
          `select count(*)::int as n from message where channel_id = $1 and direction = 'outbound' and status = 'queued'`,
          [door.channelId],
        )
        if (queued.rows[0]?.n === 0) {
          socket.off('message.updated', heard)
          return
        }
        await updated
      }
    },
    close() {
      for (const socket of widgetSockets.values()) socket.disconnect()
      coordinatorConsole?.disconnect()
    },
  }
}

/** A person's plain-text mail to the helpline, dated when they write. */
function mailOf(from: string, to: string, text: string, at: Date) {
  return [
    `From: <${from}>`,
    `To: ${to}`,
    'Subject: Vorrei parlare con qualcuno',
    `Message-ID: <${randomUUID()}@posta.simulation.example.org>`,
    `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
  ].join('\r\n')
}

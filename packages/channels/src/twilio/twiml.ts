// What Ascolto answers Twilio, in TwiML, written with the twilio package's own builder. A call in
// hours goes to the on-shift phone (<Dial>, a plain forward: Ascolto is not a phone system); out of
// hours, or when the forward is not answered, the helpline's message is said and a voicemail
// recorded (<Say>, <Record>), whose end, status and transcription come back to the same door.
// Messages and statuses get an empty <Response/>: Twilio's own STOP answer is enough, and every
// reply of Ascolto's goes through the outbox.
import twilio from 'twilio'
import type { CallAnswer, WebhookEvents } from '../kit/contract.ts'
import type { TwilioConfig } from './config.ts'

/** Seconds the on-shift phone rings before the caller gets the voicemail. */
export const FORWARD_RING_SECONDS = 20
/** The longest voicemail, in seconds. */
export const VOICEMAIL_MAX_SECONDS = 180

// the voices Twilio's <Say> has for the helplines' languages
const SAY_LANGUAGE = { it: 'it-IT', en: 'en-GB' } as const

export function twimlFor(
  events: WebhookEvents,
  config: TwilioConfig,
  webhookUrl: string,
  answer: CallAnswer | undefined,
): string {
  const voice = new twilio.twiml.VoiceResponse()
  if (!events.call || !answer) {
    // a voicemail just left: the call ends here
    if (events.messages.some((m) => m.kind === 'voicemail')) {
      voice.hangup()
      return voice.toString()
    }
    return new twilio.twiml.MessagingResponse().toString()
  }
  if (answer.action === 'reject') {
    voice.reject()
    return voice.toString()
  }
  if (answer.open && config.forwardTo && !events.call.forwardUnanswered) {
    const dial = voice.dial({
      action: webhookUrl,
      method: 'POST',
      timeout: FORWARD_RING_SECONDS,
      answerOnBridge: true,
    })
    dial.number(config.forwardTo)
    return voice.toString()
  }
  voice.say({ language: SAY_LANGUAGE[answer.language] }, answer.message)
  voice.record({
    action: webhookUrl,
    method: 'POST',
    maxLength: VOICEMAIL_MAX_SECONDS,
    timeout: 5,
    finishOnKey: '#',
    playBeep: true,
    recordingStatusCallback: webhookUrl,
    recordingStatusCallbackMethod: 'POST',
    // Twilio transcribes English only
    ...(answer.language === 'en' ? { transcribe: true, transcribeCallback: webhookUrl } : {}),
  })
  return voice.toString()
}

// What Ascolto answers Twilio, in TwiML, written with the twilio package's own builder, from the
// helpline's decision at each step of a call: in hours the phones to ring (<Dial> with one
// <Number> each, showing the helpline's number; each operator hears the announcement and presses 1
// before being connected: <Number url> then <Gather>); out of hours, or when nobody answered, the
// helpline's message and a voicemail (<Say>, <Record>), whose end, status and transcription come
// back to the same door. Messages and statuses get an empty <Response/>: Twilio's own STOP answer
// is enough, and every reply of Ascolto's goes through the outbox.
import twilio from 'twilio'
import type { CallAnswer } from '../kit/contract.ts'
import { conferenceTwiml } from './conference.ts'
import type { TwilioConfig } from './config.ts'

/** Seconds the on-shift phone rings before the caller gets the voicemail. */
export const FORWARD_RING_SECONDS = 20
/** The longest voicemail, in seconds. */
export const VOICEMAIL_MAX_SECONDS = 180

// the voices Twilio's <Say> has for the helplines' languages
const SAY_LANGUAGE = { it: 'it-IT', en: 'en-GB' } as const

/** Seconds an operator has to press 1 after the announcement. */
export const ACCEPT_SECONDS = 8

export function twimlFor(config: TwilioConfig, webhookUrl: string, answer: CallAnswer | undefined): string {
  if (!answer) return new twilio.twiml.MessagingResponse().toString()
  const voice = new twilio.twiml.VoiceResponse()
  switch (answer.action) {
    case 'reject':
      voice.reject()
      break
    case 'hangup':
      voice.hangup()
      break
    case 'none':
    case 'connect':
      // a report needs no answer; an accepted screening ends, and Twilio connects the two
      break
    case 'ring': {
      // the operators' phones show the helpline's number, never the caller's; each hears the
      // announcement first (<Number url>) and is connected only once they press 1
      const dial = voice.dial({
        action: webhookUrl,
        method: 'POST',
        timeout: FORWARD_RING_SECONDS,
        answerOnBridge: true,
        callerId: config.phoneNumber,
      })
      for (const phone of answer.phones) dial.number({ url: webhookUrl, method: 'POST' }, phone.number)
      break
    }
    case 'conference':
      // a mediator is being called in: the caller joins the call's conference (conference.ts)
      return conferenceTwiml(webhookUrl, answer.room, 'caller')
    case 'announce': {
      const gather = voice.gather({
        action: webhookUrl,
        method: 'POST',
        numDigits: 1,
        timeout: ACCEPT_SECONDS,
        actionOnEmptyResult: true,
      })
      gather.say({ language: SAY_LANGUAGE[answer.language] }, answer.announcement)
      break
    }
    case 'answer':
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
      break
  }
  return voice.toString()
}

// A call a mediator joins runs as a Twilio conference, named by the call's own id in Ascolto. The
// operator's leg, bridged to the caller by <Dial><Number>, is moved into it through the Calls API
// (POST …/Calls/{CallSid}.json with Twiml); Twilio then asks the caller's <Dial> action what next,
// and Ascolto answers the same <Dial><Conference> (twiml.ts). The caller's side ends the conference
// when they leave; the operator and the mediator may leave without dropping them. A mediator is
// called in from the door's own number through the Participants API (POST …/Conferences/{Sid}/
// Participants.json, a Label that comes back in the reports) and taken out with DELETE
// …/Participants/{CallSid}.json. The conference reports join, leave and end to the door's webhook.
import twilio from 'twilio'
import { ChannelSendError } from '../kit/contract.ts'
import type { TwilioConfig } from './config.ts'
import { basicAuth, callTwilio, SEND_TIMEOUT_MS, sendErrorOf } from './send.ts'

/** Seconds a mediator's phone rings before Twilio gives up (a participant-leave says no-answer). */
export const MEDIATOR_RING_SECONDS = 30

/** TwiML that puts one side of the call into its conference: the caller's side ends it on leaving. */
export function conferenceTwiml(webhookUrl: string, room: string, side: 'caller' | 'operator') {
  const voice = new twilio.twiml.VoiceResponse()
  voice.dial().conference(
    {
      beep: 'false',
      startConferenceOnEnter: true,
      endConferenceOnExit: side === 'caller',
      statusCallback: webhookUrl,
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['join', 'leave', 'end'],
    },
    room,
  )
  return voice.toString()
}

const accountUrl = (config: TwilioConfig) =>
  `${config.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}`

async function request(
  config: TwilioConfig,
  authToken: string,
  method: 'POST' | 'DELETE',
  path: string,
  form?: Record<string, string>,
) {
  const response = await callTwilio(
    `${accountUrl(config)}/${path}`,
    {
      method,
      headers: {
        authorization: basicAuth(config, authToken),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    },
    config.timeoutMs ?? SEND_TIMEOUT_MS,
  )
  const body: unknown = await response.json().catch(() => undefined)
  return { status: response.status, ok: response.ok, body }
}

export async function moveLegToConference(
  config: TwilioConfig,
  authToken: string,
  webhookUrl: string,
  legSid: string,
  room: string,
) {
  const answer = await request(config, authToken, 'POST', `Calls/${encodeURIComponent(legSid)}.json`, {
    Twiml: conferenceTwiml(webhookUrl, room, 'operator'),
  })
  if (!answer.ok) throw sendErrorOf(answer.status, answer.body)
}

export async function addConferenceParticipant(
  config: TwilioConfig,
  authToken: string,
  conferenceSid: string,
  to: string,
  label: string,
): Promise<{ legId: string }> {
  const answer = await request(
    config,
    authToken,
    'POST',
    `Conferences/${encodeURIComponent(conferenceSid)}/Participants.json`,
    {
      // the mediator's phone shows the helpline's number; the caller never learns the mediator's
      From: config.phoneNumber,
      To: to,
      Label: label,
      Beep: 'false',
      EndConferenceOnExit: 'false',
      Timeout: String(MEDIATOR_RING_SECONDS),
    },
  )
  if (!answer.ok) throw sendErrorOf(answer.status, answer.body)
  const sid = (answer.body as { call_sid?: unknown } | undefined)?.call_sid
  if (typeof sid !== 'string' || !/^CA[0-9a-f]{32}$/.test(sid)) {
    throw new ChannelSendError('ASCOLTO_ERR_BAD_RESPONSE', 'Twilio gave no participant call sid', false)
  }
  return { legId: sid }
}

export async function removeConferenceParticipant(
  config: TwilioConfig,
  authToken: string,
  conferenceSid: string,
  legSid: string,
) {
  const answer = await request(
    config,
    authToken,
    'DELETE',
    `Conferences/${encodeURIComponent(conferenceSid)}/Participants/${encodeURIComponent(legSid)}.json`,
  )
  // 404: the participant has left already (hung up, or the conference ended)
  if (answer.status === 204 || answer.status === 404) return
  throw sendErrorOf(answer.status, answer.body)
}

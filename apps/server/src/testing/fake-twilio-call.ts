// Twilio's side of a phone call, for tests and the demo: it plays the call flow as Twilio documents
// it against Ascolto's webhook, reading each TwiML answer. The call rings (CallStatus=ringing); a
// <Dial> rings its <Number>s, and the phone that picks up first fetches its <Number url> (a leg
// with Direction=outbound-dial and ParentCallSid) and answers the <Gather> with a key; the <Dial>'s
// action reports how the round ended (DialCallStatus, DialCallSid, DialCallDuration); a <Say> +
// <Record> takes a voicemail (<Record>'s action); the status callback ends the call (CallStatus,
// CallDuration). Every request posted is kept, so a test can post them again (Twilio's retries) or
// in another order.
import {
  postTwilioWebhook,
  TWILIO_NUMBER,
  type TwilioTarget,
  twilioCall,
  twilioRecorded,
  twilioSid,
} from './fake-twilio.ts'

/** What a phone does when it rings: picks up and presses 1, picks up and presses another key, or rings out. */
export type PhoneBehaviour = 'accept' | 'refuse' | 'no-answer'

export type CallScript = {
  from: string
  /** each operator's phone by its number; a phone not named rings out */
  phones?: Record<string, PhoneBehaviour>
  talkSeconds?: number
  /** the caller hangs up while the first round of phones rings */
  hangUpWhileRinging?: boolean
  /** the caller leaves a voicemail when asked (its recording's sid) */
  voicemail?: string
  /** the call's end is reported before the <Dial>'s action (Twilio's callbacks are not ordered) */
  endedFirst?: boolean
  /** the two are still talking when this returns: no action, no end reported */
  stayOnLine?: boolean
}

export type PlayedCall = {
  callSid: string
  /** each request posted, in order, with Ascolto's answer */
  steps: Array<{ form: Record<string, string>; status: number; body: string }>
  /** the phones each round rang */
  rounds: string[][]
  /** the operator's leg put through to the caller, if any */
  connectedLeg: string | null
}

const NUMBER = /<Number url="([^"]+)" method="POST">([^<]+)<\/Number>/g

/** The phones a <Dial> rings, in its order. */
export const numbersOf = (twiml: string) => [...twiml.matchAll(NUMBER)].map((match) => match[2] ?? '')

/** The leg to an operator's phone that picked up: it shows the helpline's number, its parent is the caller's call. */
export function operatorLeg(accountSid: string, callSid: string, number: string) {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: twilioSid('CA'),
    ParentCallSid: callSid,
    CallStatus: 'in-progress',
    Direction: 'outbound-dial',
    From: TWILIO_NUMBER,
    To: number,
    Called: number,
    Caller: TWILIO_NUMBER,
  }
}

/** <Dial>'s action: the round answered (by that leg, for how long) or not. */
export function dialEnded(
  accountSid: string,
  from: string,
  callSid: string,
  answered: { legSid: string; seconds: number } | null,
) {
  return {
    ...twilioCall(accountSid, from, callSid),
    CallStatus: 'in-progress',
    DialCallStatus: answered ? 'completed' : 'no-answer',
    DialCallSid: answered?.legSid ?? twilioSid('CA'),
    ...(answered ? { DialCallDuration: String(answered.seconds), DialBridged: 'true' } : {}),
  }
}

/** The status callback at the call's end. */
export function callEnded(accountSid: string, from: string, callSid: string, seconds: number) {
  return {
    ...twilioCall(accountSid, from, callSid),
    CallStatus: 'completed',
    CallDuration: String(seconds),
    CallbackSource: 'call-progress-events',
    Timestamp: new Date().toUTCString(),
    SequenceNumber: '0',
  }
}

export async function playCall(
  target: TwilioTarget,
  accountSid: string,
  script: CallScript,
): Promise<PlayedCall> {
  const callSid = twilioSid('CA')
  const played: PlayedCall = { callSid, steps: [], rounds: [], connectedLeg: null }
  const post = async (form: Record<string, string>) => {
    const answer = await postTwilioWebhook(target, form)
    if (answer.status !== 200) throw new Error(`Ascolto answered ${answer.status}: ${answer.body}`)
    played.steps.push({ form, status: answer.status, body: answer.body })
    return answer.body
  }
  const caller = twilioCall(accountSid, script.from, callSid)
  const started = Date.now()
  const ended = () =>
    callEnded(
      accountSid,
      script.from,
      callSid,
      Math.round((Date.now() - started) / 1000) + (script.talkSeconds ?? 0),
    )

  let twiml = await post(caller)
  let endedReported = false
  for (let round = 0; twiml.includes('<Dial') && round < 12; round++) {
    const numbers = numbersOf(twiml)
    played.rounds.push(numbers)
    if (script.hangUpWhileRinging) {
      await post(ended())
      return played
    }
    let connected: string | null = null
    for (const number of numbers) {
      const behaviour = script.phones?.[number] ?? 'no-answer'
      if (behaviour === 'no-answer') continue
      // the operator's leg: it shows the helpline's number, and carries the caller's call as its parent
      const leg = operatorLeg(accountSid, callSid, number)
      const announcement = await post(leg)
      if (!announcement.includes('<Gather')) continue
      const key = await post({ ...leg, Digits: behaviour === 'accept' ? '1' : '2', FinishedOnKey: '' })
      if (key.includes('<Hangup')) continue
      connected = leg.CallSid
      played.connectedLeg = connected
      break
    }
    if (connected && script.stayOnLine) return played
    if (connected && script.endedFirst) {
      await post(ended())
      endedReported = true
    }
    twiml = await post(
      dialEnded(
        accountSid,
        script.from,
        callSid,
        connected ? { legSid: connected, seconds: script.talkSeconds ?? 60 } : null,
      ),
    )
    if (connected) break
  }
  if (twiml.includes('<Record') && script.voicemail) {
    await post(twilioRecorded(accountSid, script.from, callSid, script.voicemail))
  }
  if (!endedReported) await post(ended())
  return played
}

/** Posts again every request of a call (Twilio's retries), in the order given. */
export async function replayCall(
  target: TwilioTarget,
  played: PlayedCall,
  order: 'same' | 'reversed' = 'same',
) {
  const steps = order === 'same' ? played.steps : [...played.steps].reverse()
  for (const step of steps) await postTwilioWebhook(target, step.form)
}

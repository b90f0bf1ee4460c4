// Twilio's conferences, for the fake (a mediator on the line): the Calls API moves a talking
// operator's leg into a conference (POST …/Calls/{CallSid}.json with Twiml: the <Conference>'s
// name and statusCallback are read from it); the caller's <Dial> then ends, its action is posted
// and the caller joins the conference its answer names; the Participants API calls a mediator in
// (POST …/Conferences/{Sid}/Participants.json, answered 201 with the participant) and takes them
// out (DELETE …/Participants/{CallSid}.json, 204). Every change is reported as Twilio does, to the
// conference's statusCallback: participant-join, participant-leave (ParticipantCallStatus,
// ReasonParticipantLeft), conference-end, with SequenceNumber and Timestamp. Every report is kept,
// so a test can post them again (retries) or in another order.

import { type FakeTwilio, postTwilioWebhook, type TwilioTarget, twilioSid } from './fake-twilio.ts'
import { callEnded, dialEnded, type PlayedCall } from './fake-twilio-call.ts'

type Side = 'caller' | 'operator' | 'mediator'
type Participant = { side: Side; label: string | null; endsConference: boolean }
type Conference = {
  sid: string
  room: string
  seq: number
  participants: Map<string, Participant>
  ended: boolean
}
type HeldCall = {
  callSid: string
  from: string
  legSid: string
  startedAt: number
  conference: Conference | null
}

/** What a mediator's phone does when called in: picks up, or rings out (Twilio's Timeout). */
export type MediatorPhone = 'answer' | 'no-answer'

export type ConferencePlayer = {
  /** a call answered by an operator and still under way: the Calls API can move its operator's leg */
  hold: (played: PlayedCall, from: string) => void
  /** how a mediator's phone answers (default: it picks up) */
  mediatorPhone: (number: string, behaviour: MediatorPhone) => void
  /** the Calls and Participants API requests received, in order */
  requests: Array<{ method: string; path: string; form: Record<string, string> }>
  /** every conference report posted, in order, with Ascolto's answer's status */
  reports: Array<{ form: Record<string, string>; status: number }>
  /** the participants of the call's conference now, by side ('caller', 'operator', 'mediator') */
  onLine: (callSid: string) => Side[]
  /** the mediator hangs up by themself */
  mediatorHangsUp: (callSid: string) => void
  /** the caller hangs up: everyone leaves, the conference ends, the call's status callback */
  hangUp: (callSid: string) => Promise<void>
  /** where its reports go */
  target: TwilioTarget
  /** every report so far has been posted; throws what went wrong on the way */
  settled: () => Promise<void>
}

const CONFERENCE = /<Conference [^>]*statusCallback="([^"]+)"[^>]*>([^<]+)<\/Conference>/

export function playConferences(fake: FakeTwilio, target: TwilioTarget): ConferencePlayer {
  const calls = new Map<string, HeldCall>()
  const conferences = new Map<string, Conference>()
  const mediatorPhones = new Map<string, MediatorPhone>()
  const requests: ConferencePlayer['requests'] = []
  const reports: ConferencePlayer['reports'] = []
  const problems: Error[] = []
  // Twilio's requests to Ascolto, one after another, after the API's answer has gone
  let queue: Promise<void> = Promise.resolve()
  const later = (step: () => Promise<void>) => {
    queue = queue.then(step).catch((error: Error) => {
      problems.push(error)
    })
  }

  const post = async (form: Record<string, string>) => {
    const answer = await postTwilioWebhook(target, form)
    if (answer.status !== 200) throw new Error(`Ascolto answered ${answer.status}: ${answer.body}`)
    return answer.body
  }
  const report = async (conference: Conference, event: string, extra: Record<string, string>) => {
    conference.seq += 1
    const form = {
      AccountSid: fake.accountSid,
      ConferenceSid: conference.sid,
      FriendlyName: conference.room,
      StatusCallbackEvent: event,
      SequenceNumber: String(conference.seq),
      Timestamp: new Date().toUTCString(),
      ...extra,
    }
    const answer = await postTwilioWebhook(target, form)
    reports.push({ form, status: answer.status })
    if (answer.status !== 200) throw new Error(`Ascolto answered ${event} with ${answer.status}`)
  }
  const participantForm = (callSid: string, participant: Participant) => ({
    CallSid: callSid,
    Muted: 'false',
    Hold: 'false',
    Coaching: 'false',
    EndConferenceOnExit: String(participant.endsConference),
    StartConferenceOnEnter: 'true',
    ...(participant.label ? { ParticipantLabel: participant.label } : {}),
  })
  const join = async (conference: Conference, callSid: string, participant: Participant) => {
    conference.participants.set(callSid, participant)
    await report(conference, 'participant-join', participantForm(callSid, participant))
  }
  const leave = async (conference: Conference, callSid: string, status: string, reason: string) => {
    const participant = conference.participants.get(callSid)
    if (!participant) return
    conference.participants.delete(callSid)
    await report(conference, 'participant-leave', {
      ...participantForm(callSid, participant),
      ParticipantCallStatus: status,
      ReasonParticipantLeft: reason,
    })
  }
  /** the conference the Twiml names, created on its first participant */
  const conferenceOf = (twiml: string) => {
    const [, statusCallback, room] = CONFERENCE.exec(twiml) ?? []
    if (!room || statusCallback !== target.publicUrl) return null
    const found = [...conferences.values()].find((c) => c.room === room && !c.ended)
    if (found) return found
    const created = { sid: twilioSid('CF'), room, seq: 0, participants: new Map(), ended: false }
    conferences.set(created.sid, created)
    return created
  }

  fake.use(({ method, path, form }) => {
    const callUpdate = /^Calls\/(CA[0-9a-f]{32})\.json$/.exec(path)
    if (method === 'POST' && callUpdate?.[1]) {
      // another player's call (each test's door has its own)
      const held = [...calls.values()].find((c) => c.legSid === callUpdate[1])
      if (!held) return undefined
      requests.push({ method, path, form })
      const conference = form.Twiml ? conferenceOf(form.Twiml) : null
      if (!conference) return { status: 400, body: { code: 21220, message: 'Invalid TwiML', status: 400 } }
      later(async () => {
        // the operator's leg leaves the bridge for the conference; the caller's <Dial> ends
        await join(conference, held.legSid, { side: 'operator', label: null, endsConference: false })
        const next = await post(
          dialEnded(fake.accountSid, held.from, held.callSid, {
            legSid: held.legSid,
            seconds: Math.round((Date.now() - held.startedAt) / 1000),
          }),
        )
        if (conferenceOf(next) === conference) {
          held.conference = conference
          await join(conference, held.callSid, { side: 'caller', label: null, endsConference: true })
        }
      })
      return { status: 200, body: { sid: held.legSid, status: 'in-progress', account_sid: fake.accountSid } }
    }
    const participants = /^Conferences\/(CF[0-9a-f]{32})\/Participants(?:\/(CA[0-9a-f]{32}))?\.json$/.exec(
      path,
    )
    const conference = participants?.[1] ? conferences.get(participants[1]) : undefined
    if (!participants || !conference) return undefined
    requests.push({ method, path, form })
    if (conference.ended) {
      return { status: 404, body: { code: 20404, message: 'Conference not found', status: 404 } }
    }
    if (method === 'POST' && !participants[2]) {
      const legSid = twilioSid('CA')
      const participant = { side: 'mediator' as const, label: form.Label ?? null, endsConference: false }
      later(async () => {
        if ((mediatorPhones.get(form.To ?? '') ?? 'answer') === 'answer')
          await join(conference, legSid, participant)
        else {
          conference.participants.set(legSid, participant)
          await leave(conference, legSid, 'no-answer', 'participant_hung_up')
        }
      })
      return {
        status: 201,
        body: {
          account_sid: fake.accountSid,
          call_sid: legSid,
          conference_sid: conference.sid,
          label: form.Label ?? null,
          status: 'queued',
          start_conference_on_enter: true,
          end_conference_on_exit: form.EndConferenceOnExit === 'true',
          muted: false,
          hold: false,
          coaching: false,
        },
      }
    }
    const legSid = participants[2]
    if (method === 'DELETE' && legSid) {
      if (!conference.participants.has(legSid)) {
        return { status: 404, body: { code: 20404, message: 'Participant not found', status: 404 } }
      }
      later(() => leave(conference, legSid, 'completed', 'participant_updated_via_api'))
      return { status: 204 }
    }
    return undefined
  })

  const conferenceOfCall = (callSid: string) => calls.get(callSid)?.conference ?? null

  return {
    target,
    hold: (played, from) => {
      if (!played.connectedLeg) throw new Error('nobody answered this call')
      calls.set(played.callSid, {
        callSid: played.callSid,
        from,
        legSid: played.connectedLeg,
        startedAt: Date.now(),
        conference: null,
      })
    },
    mediatorPhone: (number, behaviour) => {
      mediatorPhones.set(number, behaviour)
    },
    requests,
    reports,
    onLine: (callSid) => [...(conferenceOfCall(callSid)?.participants.values() ?? [])].map((p) => p.side),
    mediatorHangsUp: (callSid) => {
      const conference = conferenceOfCall(callSid)
      if (!conference) throw new Error('this call has no conference')
      for (const [legSid, participant] of conference.participants) {
        if (participant.side === 'mediator')
          later(() => leave(conference, legSid, 'completed', 'participant_hung_up'))
      }
    },
    hangUp: async (callSid) => {
      const held = calls.get(callSid)
      if (!held) throw new Error('no such call')
      later(async () => {
        const conference = held.conference
        if (conference) {
          await leave(conference, callSid, 'completed', 'participant_hung_up')
          // the caller ends the conference: the others are taken out, then it ends
          for (const legSid of [...conference.participants.keys()]) {
            await leave(conference, legSid, 'completed', 'conference_ended_via_api')
          }
          conference.ended = true
          await report(conference, 'conference-end', {
            ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left',
            CallSidEndingConference: callSid,
          })
        }
        await post(
          callEnded(
            fake.accountSid,
            held.from,
            callSid,
            Math.round((Date.now() - held.startedAt) / 1000) + 30,
          ),
        )
      })
      await queue
    },
    settled: async () => {
      await queue
      const problem = problems.shift()
      if (problem) throw problem
    },
  }
}

// What the simulation saw happen, in simulated time: each person's episode (a first message to
// the first human answer), each quarter-hour of the rota, each call-back. The report reads only this
// and the database.
import type { Door } from './profiles.ts'
import type { Risk } from './texts.ts'

export type Episode = {
  conversationId: string
  personId: number
  door: Door
  risk: Risk
  repeat: boolean
  arrivedAt: number
  /** Whether the line was open when they wrote. */
  arrivedOpen: boolean
  arrivedOnClosedDay: boolean
  dueAt: number | null
  /** When the person stops waiting, if nobody has answered by then. */
  patienceEndsAt: number
  firstHumanAt?: number
  /** When the web chat's grace time after they left ended the conversation, nobody having answered. */
  endedUnansweredAt?: number
  /** Answered in writing through the console, or by the call-back a voicemail asked for. */
  answeredBy?: 'message' | 'call'
  alertAcknowledgedAt?: number
}

/** A call-back made: the voicemail's due time (the next opening hours), and when it was made. */
export type Call = { conversationId: string; dueAt: number; calledAt: number }

export type Quarter = {
  at: number
  open: boolean
  /** Volunteers the rota has on shift, and those of them signed in. */
  onRota: number
  signedIn: number
  /** Of the signed-in volunteers, those with room for one more conversation. */
  free: number
  /** Supervisors signed in (they alone make the call-backs voicemails ask for), and those not on a call. */
  supervisors: number
  supervisorsFree: number
  waiting: number
}

export type SimulationRecord = {
  service: string
  week: string
  days: number
  timeZone: string
  start: number
  end: number
  episodes: Episode[]
  quarters: Quarter[]
  calls: Call[]
  /** What people delivered through the doors: written messages, and voicemails left on a call. */
  delivered: { messages: number; voicemails: number }
  /** Mails the SMTP server received from Ascolto (replies and automatic answers), where e-mail is a door. */
  mailsSent?: number
}

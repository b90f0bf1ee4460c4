// The simulated staff at work. Every quarter of an hour they read the rota as the server sees it
// (GET /rota/now on the simulated clock): those on shift sign in through the console's API and
// open its socket, those whose shift ended finish what they hold and sign out. Volunteers take
// the conversations of the queue in the server's order, answer after reading, go on for a
// handling time drawn from the service's range and close with the closing form; supervisors
// acknowledge alerts and make the call-backs voicemails ask for, each one call at a time.
import type { ConversationView } from '@ascolto/protocol'
import type { Socket } from 'socket.io-client'
import { connectConsole } from '../../apps/server/src/testing/sockets.ts'
import { call } from '../../apps/server/src/testing/test-server.ts'
import { typingMinutes } from './arrivals.ts'
import type { timeline } from './events.ts'
import { type Installation, type SimClock, type Staff, signIn } from './installation.ts'
import type { Profile } from './profiles.ts'
import { logNormal, type Random } from './random.ts'
import type { Call, Episode } from './record.ts'
import { OPERATOR_WORDS } from './texts.ts'

const MINUTE = 60_000
/** A volunteer's conversations at once where the helpline sets no limit. */
const DEFAULT_CONCURRENT = 2
/** Of the people on the rota, this share does not come (ill, late, forgot). */
const NO_SHOW = 0.04

type AtWork = Staff & {
  cookie: string
  socket: Socket
  holding: Set<string>
  leaving: boolean
  /** The conversation of the call-back a supervisor is on, if any. */
  calling: string | undefined
}

export type Desk = ReturnType<typeof openDesk>

export function openDesk(
  installation: Installation,
  profile: Profile,
  clock: SimClock,
  events: ReturnType<typeof timeline>,
  rnd: Random,
  episodes: Map<string, Episode>,
  calls: Call[],
) {
  const { url, helplineId, settings } = installation
  const signedIn = new Map<string, AtWork>()
  const absent = new Set<string>()
  const capacity = settings.desk?.maxConcurrent ?? DEFAULT_CONCURRENT
  const api = (who: { cookie: string }, path: string, body?: unknown) =>
    call(`${url}${path}`, { cookie: who.cookie, ...(body === undefined ? {} : { body }) })
  const closingForm = () => {
    const desk = settings.desk
    const outcome = Object.fromEntries(
      (desk?.closingForm ?? []).map((q) => [q.id, q.options[Math.floor(rnd() * q.options.length)]?.id ?? '']),
    )
    const category = desk?.categories?.[Math.floor(rnd() * (desk.categories?.length ?? 1))]
    return desk ? { categories: category ? [category.id] : [], outcome } : {}
  }
  const volunteers = () => [...signedIn.values()].filter((s) => s.role === 'volunteer')
  const supervisors = () => [...signedIn.values()].filter((s) => s.role === 'supervisor' && !s.leaving)
  const current = (conversationId: string) => episodes.get(conversationId)

  async function signOut(person: AtWork) {
    person.socket.disconnect()
    await call(`${url}/api/session`, { method: 'DELETE', cookie: person.cookie })
    signedIn.delete(person.userId)
  }

  /** A volunteer answers: the first words, and more if the person is still there. */
  async function answer(person: AtWork, conversationId: string, handlingEnds: number) {
    const sent = await api(person, `/api/conversations/${conversationId}/messages`, {
      text: OPERATOR_WORDS.first,
    })
    const episode = current(conversationId)
    if (sent.status === 201 && episode && episode.firstHumanAt === undefined) {
      episode.firstHumanAt = clock.now
      episode.answeredBy = 'message'
    }
    events.at(Math.max(handlingEnds, clock.now + 2 * MINUTE), () => close(person, conversationId))
  }

  async function close(person: AtWork, conversationId: string) {
    await api(person, `/api/conversations/${conversationId}/close`, closingForm())
    person.holding.delete(conversationId)
    if (person.calling === conversationId) person.calling = undefined
    await attendAssigned()
    if (person.leaving && person.holding.size === 0) await signOut(person)
    await dispatch()
  }

  /**
   * A close frees a place, and a desk with automatic assignment gives a waiting conversation to
   * the least busy volunteer (`assignWaiting` of close-conversation.ts): whoever got one answers it.
   */
  async function attendAssigned() {
    const { rows } = await installation.pool.query<{ id: string; assignee_id: string }>(
      `select id, assignee_id from conversation
        where helpline_id = $1 and status = 'open' and assignee_id = any($2::uuid[])`,
      [helplineId, [...signedIn.keys()]],
    )
    for (const row of rows)
      if (!signedIn.get(row.assignee_id)?.holding.has(row.id)) await attend(row.id, row.assignee_id)
  }

  async function take(person: AtWork, conversation: ConversationView) {
    const taken = await api(person, `/api/conversations/${conversation.id}/take`, {})
    if (taken.status !== 200) return false
    person.holding.add(conversation.id)
    const handling = Math.max(3, logNormal(rnd, profile.handlingMinutes, 0.5)) * MINUTE
    const ends = clock.now + handling
    events.at(clock.now + typingMinutes(rnd) * MINUTE, () => answer(person, conversation.id, ends))
    return true
  }

  /**
   * Free volunteers take the queue's conversations in the server's order; voicemails go to
   * call-backs. Where no volunteer of the shift came, the supervisors not on a call answer in their place.
   */
  async function dispatch() {
    const present = volunteers().filter((v) => !v.leaving)
    const answering = present.length > 0 ? present : supervisors().filter((s) => s.calling === undefined)
    const free = answering.filter((v) => v.holding.size < capacity)
    if (free.length === 0) return
    const listed = await api(free[0] as AtWork, `/api/conversations?status=waiting&helplineId=${helplineId}`)
    // a voicemail asks for a call: it is on the supervisor's call-back list, not answered in writing
    const queue = (listed.body.conversations as ConversationView[]).filter(
      (c) => c.previewVoicemail === null && current(c.id)?.door !== 'voicemail',
    )
    for (const conversation of queue) {
      const person = free
        .filter((v) => v.holding.size < capacity)
        .sort((a, b) => a.holding.size - b.holding.size)[0]
      if (!person) break
      await take(person, conversation)
    }
  }

  /**
   * The supervisors on shift: alerts acknowledged by the first, then each one not on a call makes
   * the next call-back, one call at a time.
   */
  async function supervise() {
    const on = supervisors()
    const first = on[0]
    if (!first) return
    const flags = await api(first, '/api/flags')
    for (const flag of flags.body.flags as Array<{
      id: string
      conversationId: string
      acknowledgedAt: string | null
    }>) {
      if (flag.acknowledgedAt !== null) continue
      const done = await api(first, `/api/flags/${flag.id}/acknowledge`, {})
      const episode = current(flag.conversationId)
      if (done.status === 200 && episode && episode.alertAcknowledgedAt === undefined)
        episode.alertAcknowledgedAt = clock.now
    }
    for (const supervisor of on) if (supervisor.calling === undefined) await callBack(supervisor)
  }

  async function callBack(on: AtWork) {
    const listed = await api(on, `/api/callbacks?helplineId=${helplineId}`)
    const calling = new Set(supervisors().flatMap((s) => [...s.holding]))
    const next = (
      listed.body.callbacks as Array<{ id: string; conversationId: string; status: string; dueAt: string }>
    ).find((c) => c.status === 'pending' && !calling.has(c.conversationId))
    if (!next) return
    on.calling = next.conversationId
    await api(on, `/api/conversations/${next.conversationId}/take`, {})
    on.holding.add(next.conversationId)
    const called = await api(on, `/api/callbacks/${next.id}/outcome`, { outcome: 'called_back' })
    if (called.status === 200)
      calls.push({ conversationId: next.conversationId, dueAt: Date.parse(next.dueAt), calledAt: clock.now })
    const episode = current(next.conversationId)
    if (episode && called.status === 200 && episode.firstHumanAt === undefined) {
      episode.firstHumanAt = clock.now
      episode.answeredBy = 'call'
    }
    const handling = Math.max(3, logNormal(rnd, profile.handlingMinutes, 0.5)) * MINUTE
    events.at(clock.now + handling, async () => {
      await close(on, next.conversationId)
      await supervise()
    })
  }

  /**
   * A person wrote into a conversation someone holds (or that Ascolto gave back to whoever had it):
   * that volunteer answers it, and closes it again after a while.
   */
  async function attend(conversationId: string, assigneeId: string) {
    const person = signedIn.get(assigneeId)
    if (!person) return
    const handling = Math.max(3, logNormal(rnd, profile.handlingMinutes, 0.5)) * MINUTE
    const alreadyHeld = person.holding.has(conversationId)
    person.holding.add(conversationId)
    const ends = clock.now + handling
    events.at(clock.now + typingMinutes(rnd) * MINUTE, async () => {
      const sent = await api(person, `/api/conversations/${conversationId}/messages`, {
        text: OPERATOR_WORDS.next,
      })
      const episode = current(conversationId)
      if (sent.status === 201 && episode && episode.firstHumanAt === undefined) {
        episode.firstHumanAt = clock.now
        episode.answeredBy = 'message'
      }
      // the conversation already had its close planned
      if (!alreadyHeld) events.at(ends, () => close(person, conversationId))
    })
  }

  return {
    attend,
    /** The quarter-hour look at the rota: who comes, who goes; then the work. */
    async followRota() {
      const now = await api(
        { cookie: installation.coordinatorCookie },
        `/api/helplines/${helplineId}/rota/now`,
      )
      const onShift = now.body.on as Array<{ userId: string; role: string; at: string }>
      for (const entry of onShift) {
        if (signedIn.has(entry.userId)) continue
        const key = `${entry.userId}@${entry.at}`
        if (!absent.has(key) && rnd() < NO_SHOW) absent.add(key)
        if (absent.has(key)) continue
        const staff = installation.staff.find((s) => s.userId === entry.userId)
        if (!staff) continue
        const cookie = await signIn(url, staff.email)
        const socket = await connectConsole(url, cookie)
        signedIn.set(staff.userId, {
          ...staff,
          cookie,
          socket,
          holding: new Set(),
          leaving: false,
          calling: undefined,
        })
      }
      for (const person of signedIn.values()) {
        if (onShift.some((e) => e.userId === person.userId)) continue
        person.leaving = true
        if (person.holding.size === 0) await signOut(person)
      }
      await supervise()
      await dispatch()
      return {
        onRota: onShift.filter((e) => e.role === 'volunteer').length,
        signedIn: volunteers().filter((v) => !v.leaving).length,
        free: volunteers().filter((v) => !v.leaving && v.holding.size < capacity).length,
        supervisors: supervisors().length,
        supervisorsFree: supervisors().filter((s) => s.calling === undefined).length,
      }
    },
    dispatch,
    supervise,
    async close() {
      for (const person of [...signedIn.values()]) await signOut(person)
    },
  }
}

// One simulated stretch of a service's week against a real Ascolto: the people of arrivals.ts
// write through their doors at their moment, the staff of staff.ts follow the rota, and every
// quarter of an hour the queue and the rota are noted. After the last day nobody new writes, and
// the line works on until everyone who wrote has been answered (or three more days have passed).
import {
  endGoneVisitors,
  instantInZone,
  isOpen,
  nextOpening,
  openingRulesOf,
  VISITOR_GONE_MINUTES,
} from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { dayAfter, drawArrivals, isOpenDay } from './arrivals.ts'
import { openDoors } from './doors.ts'
import { timeline } from './events.ts'
import { type DatabaseChoice, type Installation, type SimClock, startInstallation } from './installation.ts'
import type { Profile } from './profiles.ts'
import { seeded, seedOf } from './random.ts'
import type { Call, Episode, Quarter, SimulationRecord } from './record.ts'
import { makeRota } from './rota.ts'
import { openDesk } from './staff.ts'

const MINUTE = 60_000
const QUARTER = 15 * MINUTE
const TAIL_DAYS = 3

export type Simulation = { record: SimulationRecord; installation: Installation }

export async function simulate(
  profile: Profile,
  options: {
    week: string
    days: number
    database?: DatabaseChoice
    /** Days the line works on after the last arrival, for those still waiting (3 by default). */
    tailDays?: number
    progress?: (line: string) => void
  },
): Promise<Simulation> {
  const rnd = seeded(seedOf(`${profile.name} ${options.week}`))
  const clock: SimClock = { now: 0 }
  const installation = await startInstallation(profile, clock, options.database)
  const { settings } = installation
  const timeZone = settings.timeZone ?? 'Europe/Rome'
  const rules = openingRulesOf(settings)
  const arrivals = drawArrivals(rnd, profile, settings, options.week, options.days)
  const midnight = (date: string) => (instantInZone(`${date}T00:00`, timeZone) as Date).getTime()
  const start = midnight(options.week)
  const lastArrival = midnight(dayAfter(options.week, options.days))
  const end = midnight(dayAfter(options.week, options.days + (options.tailDays ?? TAIL_DAYS)))
  clock.now = start
  // the rota from the day before (a range may still be open at midnight) to the end of the tail
  await makeRota(
    installation,
    profile,
    dayAfter(options.week, -1),
    options.days + (options.tailDays ?? TAIL_DAYS) + 1,
  )

  const episodes = new Map<string, Episode>()
  const all: Episode[] = []
  const quarters: Quarter[] = []
  const events = timeline(clock)
  const doors = openDoors(installation)
  const delivered = { messages: 0, voicemails: 0 }
  const calls: Call[] = []
  const desk = openDesk(installation, profile, clock, events, rnd, episodes, calls)

  const lastInbound = async () =>
    (
      await installation.pool.query<{
        conversation_id: string
        due_at: Date | null
        assignee_id: string | null
      }>(
        `select m.conversation_id, c.due_at, c.assignee_id from message m join conversation c on c.id = m.conversation_id
          where m.helpline_id = $1 and m.direction = 'inbound' order by m.created_at desc limit 1`,
        [installation.helplineId],
      )
    ).rows[0]

  for (const arrival of arrivals) {
    events.at(arrival.at.getTime(), async () => {
      await doors.write(arrival.person, arrival.text, arrival.at)
      if (arrival.person.door === 'voicemail') delivered.voicemails++
      else delivered.messages++
      const stored = await lastInbound()
      if (!stored) throw new Error('a message was acknowledged and not stored')
      const known = episodes.get(stored.conversation_id)
      // a person writing again into a conversation nobody has answered yet is still the same wait
      if (known && known.firstHumanAt === undefined) return
      const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(arrival.at)
      const episode: Episode = {
        conversationId: stored.conversation_id,
        personId: arrival.person.id,
        door: arrival.person.door,
        risk: arrival.risk,
        repeat: arrival.repeat,
        arrivedAt: clock.now,
        arrivedOpen: isOpen(rules, arrival.at),
        arrivedOnClosedDay: !isOpenDay(settings, date),
        dueAt: stored.due_at ? stored.due_at.getTime() : null,
        // told the line is closed, people wait for it to open before they give up
        patienceEndsAt:
          (nextOpening(rules, arrival.at) ?? arrival.at).getTime() + arrival.person.patienceMinutes * MINUTE,
      }
      episodes.set(episode.conversationId, episode)
      all.push(episode)
      events.at(episode.patienceEndsAt, async () => {
        if (episode.firstHumanAt !== undefined || arrival.person.door !== 'widget') return
        await doors.leave(arrival.person, episode.conversationId)
        // the server's sweep of gone visitors runs every real minute, at whatever simulated time
        // it then is: run here at the end of the grace time, it ends the conversation at the
        // simulated moment it should, the same on a busy machine or an idle one
        events.at(clock.now + VISITOR_GONE_MINUTES * MINUTE + 1000, () =>
          endGone(installation, events, clock, episode),
        )
      })
      // the supervisor's console rings at once: a minute or two to look
      if (arrival.risk === 'imminent') events.at(clock.now + 2 * MINUTE, () => desk.supervise())
      if (stored.assignee_id) await desk.attend(episode.conversationId, stored.assignee_id)
      else await desk.dispatch()
    })
  }
  const tick = (at: number) =>
    events.at(at, async () => {
      const staffed = await desk.followRota()
      const waiting = await installation.pool.query<{ n: number }>(
        `select count(*)::int as n from conversation where helpline_id = $1 and status = 'waiting'`,
        [installation.helplineId],
      )
      quarters.push({ at, open: isOpen(rules, new Date(at)), ...staffed, waiting: waiting.rows[0]?.n ?? 0 })
      if (at % (6 * 3600_000) === 0)
        options.progress?.(`${new Date(at).toISOString().slice(0, 16)}Z  ${all.length} people so far`)
      const everyoneAnswered = all.every((e) => e.firstHumanAt !== undefined)
      if (at + QUARTER < end && (at < lastArrival || !everyoneAnswered)) tick(at + QUARTER)
    })
  tick(start)
  await events.runUntil(end)
  await desk.close()
  await doors.repliesSettled()
  doors.close()
  return {
    installation,
    record: {
      service: profile.name,
      week: options.week,
      days: options.days,
      timeZone,
      start,
      end: lastArrival,
      episodes: all,
      quarters,
      calls,
      delivered,
      ...(installation.doors.email ? { mailsSent: installation.doors.email.sent.length } : {}),
    },
  }
}

/**
 * The server's sweep at this simulated moment, and what it did to the person's conversation: ended
 * unanswered, noted when; or kept in the queue (written while the line was closed, it waits for its
 * due time), looked at again just after that time, as the server's next sweep would.
 */
async function endGone(
  installation: Installation,
  events: ReturnType<typeof timeline>,
  clock: SimClock,
  episode: Episode,
) {
  await withTransaction(installation.pool, (tx, afterCommit) =>
    endGoneVisitors({ tx, afterCommit, services: installation.services }, new Date(clock.now)),
  )
  if (episode.firstHumanAt !== undefined) return
  const { rows } = await installation.pool.query<{ status: string; left: boolean }>(
    `select status, ended_by_visitor_at is not null as left from conversation where id = $1`,
    [episode.conversationId],
  )
  if (rows[0]?.status === 'closed' && rows[0].left) episode.endedUnansweredAt = clock.now
  else if (rows[0]?.status === 'waiting' && episode.dueAt !== null && episode.dueAt >= clock.now)
    events.at(episode.dueAt + 1000, () => endGone(installation, events, clock, episode))
}

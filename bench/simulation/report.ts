// The figures a coordinator asks of a week: how many wrote, how many a person answered before
// their due time, how long they waited (open hours and closed days apart), the call-backs, the
// people at imminent risk, those who left, the rota's coverage, and each missed due time with why.
// The counts are checked against the database: every arrival stored once.
import type { Pool } from '@ascolto/db'
import { percentile } from '../lib.ts'
import type { Episode, SimulationRecord } from './record.ts'

const MINUTE = 60_000

export type MissReason =
  | 'no one on shift'
  | 'no supervisor on shift (a call-back needs one)'
  | 'over capacity'
  | 'over capacity (every supervisor on shift on another call)'
  | 'closed day'
  | 'left the web chat, which ended the conversation'
  | 'due after the simulation ended'

const minutes = (values: number[]) => ({
  count: values.length,
  median: round(percentile(values, 50)),
  p90: round(percentile(values, 90)),
  p99: round(percentile(values, 99)),
})
const round = (n: number) => (Number.isNaN(n) ? null : Math.round(n))
const waitOf = (e: Episode) => (e.firstHumanAt === undefined ? null : (e.firstHumanAt - e.arrivedAt) / MINUTE)
const localTime = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('it-IT', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at)

export async function reportOf(record: SimulationRecord, pool: Pool, helplineId: string) {
  const { episodes, quarters } = record
  const onTime = (e: Episode) =>
    e.firstHumanAt !== undefined && (e.dueAt === null || e.firstHumanAt <= e.dueAt)
  const waits = (keep: (e: Episode) => boolean) =>
    minutes(
      episodes
        .filter(keep)
        .map(waitOf)
        .filter((w): w is number => w !== null),
    )
  const lastQuarter = quarters.at(-1)?.at ?? record.end
  const why = (e: Episode): MissReason => {
    // only an end before the due time is why it was missed (after it, the miss was already made)
    if (e.endedUnansweredAt !== undefined && (e.dueAt === null || e.endedUnansweredAt <= e.dueAt))
      return 'left the web chat, which ended the conversation'
    if (e.firstHumanAt === undefined && (e.dueAt ?? lastQuarter) >= lastQuarter)
      return 'due after the simulation ended'
    const during = quarters.filter(
      (q) => q.at >= e.arrivedAt - 15 * MINUTE && q.at <= (e.dueAt ?? lastQuarter),
    )
    // a voicemail asks for a call, which only a supervisor may make (it reveals the number); the
    // supervisors answer in writing too where none of the shift's volunteers came
    const voicemail = e.door === 'voicemail'
    if (during.some((q) => (voicemail ? q.supervisors : q.signedIn + q.supervisors) > 0))
      return voicemail ? 'over capacity (every supervisor on shift on another call)' : 'over capacity'
    const anyone = during.some((q) => q.signedIn + q.supervisors > 0)
    if (e.arrivedOnClosedDay && !anyone) return 'closed day'
    return voicemail ? 'no supervisor on shift (a call-back needs one)' : 'no one on shift'
  }
  const missed = episodes
    .filter((e) => !onTime(e))
    .map((e) => ({
      conversationId: e.conversationId,
      door: e.door,
      risk: e.risk,
      arrived: localTime(e.arrivedAt, record.timeZone),
      due: e.dueAt === null ? null : localTime(e.dueAt, record.timeZone),
      answered: e.firstHumanAt === undefined ? null : localTime(e.firstHumanAt, record.timeZone),
      why: why(e),
    }))
  const imminent = episodes.filter((e) => e.risk === 'imminent')
  const open = quarters.filter((q) => q.open)
  const stored = (
    await pool.query<{
      conversations: number
      messages: number
      calls: number
      voicemails: number
      callbacks: number
      mails_written: number
      mails_sent: number
    }>(
      `select (select count(*)::int from conversation where helpline_id = $1) as conversations,
              (select count(*)::int from message where helpline_id = $1 and direction = 'inbound' and kind = 'text') as messages,
              (select count(*)::int from message where helpline_id = $1 and direction = 'inbound' and kind = 'call') as calls,
              (select count(*)::int from message where helpline_id = $1 and direction = 'inbound' and kind = 'voicemail') as voicemails,
              (select count(*)::int from callback_request where helpline_id = $1) as callbacks,
              (select count(*)::int from message m join channel ch on ch.id = m.channel_id
                where m.helpline_id = $1 and ch.kind = 'email' and m.direction = 'outbound') as mails_written,
              (select count(*)::int from message m join channel ch on ch.id = m.channel_id
                where m.helpline_id = $1 and ch.kind = 'email' and m.direction = 'outbound'
                  and m.status in ('sent', 'delivered', 'read')) as mails_sent`,
      [helplineId],
    )
  ).rows[0] as {
    conversations: number
    messages: number
    calls: number
    voicemails: number
    callbacks: number
    mails_written: number
    mails_sent: number
  }
  const answered = episodes.filter(onTime).length
  return {
    service: record.service,
    week: record.week,
    days: record.days,
    conversations: new Set(episodes.map((e) => e.conversationId)).size,
    episodes: episodes.length,
    risk: Object.fromEntries(
      (['none', 'medium', 'high', 'imminent'] as const).map((level) => [
        level,
        episodes.filter((e) => e.risk === level).length,
      ]),
    ),
    doors: Object.fromEntries(
      [...new Set(episodes.map((e) => e.door))].map((d) => [d, episodes.filter((e) => e.door === d).length]),
    ),
    answeredBeforeDue: { count: answered, of: episodes.length, percent: percent(answered, episodes.length) },
    waitMinutes: {
      openHours: waits((e) => e.arrivedOpen),
      closedHours: waits((e) => !e.arrivedOpen && !e.arrivedOnClosedDay),
      closedDays: waits((e) => e.arrivedOnClosedDay),
    },
    callbacks: {
      asked: stored.callbacks,
      withinNextOpening: record.calls.filter((c) => c.calledAt <= c.dueAt).length,
    },
    imminent: {
      count: imminent.length,
      toFirstHumanReply: minutes(imminent.map(waitOf).filter((w): w is number => w !== null)),
      toAcknowledgement: minutes(
        imminent
          .filter((e) => e.alertAcknowledgedAt !== undefined)
          .map((e) => ((e.alertAcknowledgedAt as number) - e.arrivedAt) / MINUTE),
      ),
      neverAcknowledged: imminent.filter((e) => e.alertAcknowledgedAt === undefined).length,
    },
    abandoned: episodes.filter((e) => (e.firstHumanAt ?? Number.POSITIVE_INFINITY) > e.patienceEndsAt).length,
    rota: {
      openQuarters: open.length,
      coveredByRota: percent(open.filter((q) => q.onRota > 0).length, open.length),
      staffed: percent(open.filter((q) => q.signedIn > 0).length, open.length),
    },
    database: { ...stored, delivered: record.delivered },
    // replies and automatic answers to e-mails: written in Ascolto, sent by it, received by the SMTP server
    email:
      record.mailsSent === undefined
        ? null
        : { written: stored.mails_written, sent: stored.mails_sent, received: record.mailsSent },
    missed,
  }
}

export type Report = Awaited<ReturnType<typeof reportOf>>

const percent = (n: number, of: number) => (of === 0 ? 100 : Math.round((1000 * n) / of) / 10)

/** The table printed at the end, its last line the promise kept. */
export function tableOf(report: Report) {
  const w = report.waitMinutes
  const fmt = (m: { count: number; median: number | null; p90: number | null; p99: number | null }) =>
    m.count === 0 ? '—' : `${m.median} / ${m.p90} / ${m.p99} min (${m.count})`
  const rows: Array<[string, string]> = [
    ['service', `${report.service}, ${report.days} day(s) from ${report.week}`],
    ['conversations (people waiting)', `${report.conversations} (${report.episodes})`],
    [
      'doors',
      Object.entries(report.doors)
        .map(([d, n]) => `${d} ${n}`)
        .join(', '),
    ],
    ['risk: none / medium / high / imminent', Object.values(report.risk).join(' / ')],
    ['wait to a person, open hours: median / p90 / p99', fmt(w.openHours)],
    ['wait, written while closed', fmt(w.closedHours)],
    ['wait, written on a closed day', fmt(w.closedDays)],
    [
      'call-backs made within the next opening hours',
      `${report.callbacks.withinNextOpening} of ${report.callbacks.asked}`,
    ],
    ['imminent risk: to a person', fmt(report.imminent.toFirstHumanReply)],
    [
      'imminent risk: to a supervisor',
      `${fmt(report.imminent.toAcknowledgement)}; never: ${report.imminent.neverAcknowledged}`,
    ],
    ['left before anyone answered', String(report.abandoned)],
    [
      'rota: open time with someone on it / signed in',
      `${report.rota.coveredByRota} % / ${report.rota.staffed} %`,
    ],
    [
      'stored: conversations, messages, voicemails (delivered)',
      `${report.database.conversations}, ${report.database.messages}, ${report.database.voicemails} (${report.database.delivered.messages}, ${report.database.delivered.voicemails})`,
    ],
  ]
  if (report.email)
    rows.push([
      'e-mails out: written / sent / received by SMTP',
      `${report.email.written} / ${report.email.sent} / ${report.email.received}`,
    ])
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)
  if (report.missed.length > 0) {
    lines.push('', 'missed their due time:')
    for (const m of report.missed)
      lines.push(
        `  ${m.arrived} ${m.door} ${m.risk}: due ${m.due ?? '—'}, answered ${m.answered ?? 'never'} — ${m.why}`,
      )
  }
  const a = report.answeredBeforeDue
  lines.push('', `answered before due: ${a.count} of ${a.of} (${a.percent} %)`)
  return lines.join('\n')
}

// How a call ended, read from the facts its steps recorded (record-call-step.ts), so that a step
// arriving late changes the reading, never a stored copy of it. Shared by the conversation's view
// of the call and the anonymous facts the statistics count.
import type { Tx } from '../context.ts'

/** SQL over a `phone_call` row named `p`: refused, answered, voicemail, ringing (not ended yet), abandoned, unanswered. */
export const CALL_OUTCOME = `case
  when p.refused_at is not null then 'refused'
  when p.answered_at is not null then 'answered'
  when p.voicemail_message_id is not null then 'voicemail'
  when p.ended_at is null then 'ringing'
  when p.rounds_rung > cardinality(p.unanswered_rounds) then 'abandoned'
  else 'unanswered' end`

/** SQL: how long the caller waited, in seconds, until answered, the last phone gave up, or they hung up. */
export const CALL_RING_SECONDS = `round(extract(epoch from
  coalesce(p.answered_at, p.rang_until, p.ended_at) - p.started_at))::int`

/** Writes (again) the anonymous facts of an ended call: no person, no number, no conversation. */
export async function recordCallFact(tx: Pick<Tx, 'query'>, callId: string) {
  await tx.query(
    `insert into call_fact (call_id, helpline_id, channel_id, day, hour, outcome, ring_seconds, talk_seconds)
     select p.id, p.helpline_id, p.channel_id, (p.started_at at time zone h.time_zone)::date,
            extract(hour from p.started_at at time zone h.time_zone),
            ${CALL_OUTCOME}, greatest(0, ${CALL_RING_SECONDS}), p.talk_seconds
       from phone_call p join helpline h on h.id = p.helpline_id
      where p.id = $1 and p.ended_at is not null
     on conflict (call_id) do update
        set outcome = excluded.outcome, ring_seconds = excluded.ring_seconds, talk_seconds = excluded.talk_seconds`,
    [callId],
  )
}

/** A call-back's first try: how long the caller waited for it since their call, kept in the call's anonymous facts. */
export async function recordCallbackResponse(tx: Pick<Tx, 'query'>, callbackId: string, at: Date) {
  await tx.query(
    `update call_fact f
        set callback_seconds = coalesce(f.callback_seconds, greatest(0, round(extract(epoch from $2::timestamptz - coalesce(p.ended_at, p.started_at))))::int)
       from callback_request r join phone_call p on r.message_id in (p.message_id, p.voicemail_message_id)
      where r.id = $1 and f.call_id = p.id`,
    [callbackId, at],
  )
}

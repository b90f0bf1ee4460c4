// The mediators called into a call, as its record in the conversation shows them: a label, when
// they joined, how long they stayed, never a number. A mediator still "on the line" when the
// conference or the call has ended left then (an end may be reported before their own leave).
import type { CallMediatorOnLine } from '@ascolto/protocol'

/** SQL over a `phone_call` row named `p`: its participants as a JSON array, oldest first. */
export const CALL_MEDIATORS = `coalesce((
  select json_agg(json_build_object(
           'id', cp.id, 'label', cp.label, 'joined_at', cp.joined_at,
           'left_at', coalesce(cp.left_at, p.conference_ended_at, p.ended_at),
           'unreached', cp.unreached is not null
             or (cp.joined_at is null and coalesce(cp.left_at, p.conference_ended_at, p.ended_at) is not null))
         order by cp.requested_at)
    from call_participant cp where cp.call_id = p.id), '[]'::json)`

export type CallMediatorRow = {
  id: string
  label: string
  joined_at: string | null
  left_at: string | null
  unreached: boolean
}

export function mediatorOnLine(row: CallMediatorRow): CallMediatorOnLine {
  const joined = row.joined_at ? new Date(row.joined_at) : null
  const left = row.left_at ? new Date(row.left_at) : null
  return {
    id: row.id,
    label: row.label,
    status: row.unreached ? 'unreached' : !joined ? 'calling' : left ? 'left' : 'on-line',
    joinedAt: joined?.toISOString() ?? null,
    seconds: joined && left ? Math.max(0, Math.round((left.getTime() - joined.getTime()) / 1000)) : null,
  }
}

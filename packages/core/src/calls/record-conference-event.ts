// What a call's conference reports (a mediator on the line, call-mediator-requests.ts): its id,
// learnt from the first report, sealed, and the mediators waiting for it queued; a mediator's leg
// (known by its label) joined or left, at the provider's own time; the conference's end. Each
// report only fills what is still empty, so retries and reports out of order leave the same record.
// A report about a conference Ascolto did not name (another room, another door) is acknowledged.
import type { ChannelConnection, ConferenceEvent } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { Services } from '../context.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { enqueue } from '../outbox/outbox.ts'
import { sealCallId } from './call-leg-seals.ts'
import { callConferenceKey } from './call-mediator-requests.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const LABEL = /^m-([0-9a-f-]{36})$/
/** How a mediator's leg that never joined ended, as Twilio's participant-leave names it. */
const UNREACHED = new Set(['no-answer', 'busy', 'failed', 'canceled'])

export async function recordConferenceEvent(
  { pool, services }: { pool: Pool; services: Services },
  connection: ChannelConnection,
  event: ConferenceEvent,
): Promise<'recorded' | 'unknown'> {
  if (!UUID.test(event.room)) return 'unknown'
  return withTransaction(pool, async (tx, afterCommit) => {
    const { rows } = await tx.query<{
      id: string
      helpline_id: string
      message_id: string | null
      known: boolean
    }>(
      `select id, helpline_id, message_id, conference_sid_sealed is not null as known
         from phone_call where id = $1 and channel_id = $2 for update`,
      [event.room, connection.id],
    )
    const call = rows[0]
    if (!call) return 'unknown'
    if (!call.known) {
      await tx.query('update phone_call set conference_sid_sealed = $2 where id = $1', [
        call.id,
        sealCallId(services.keyring, call.helpline_id, 'conference', call.id, event.conferenceId),
      ])
      // the mediators asked for before the conference had an id
      const { rows: waiting } = await tx.query<{ id: string }>(
        `select id from call_participant
          where call_id = $1 and leg_sealed is null and removal_requested_at is null and unreached is null
          order by requested_at`,
        [call.id],
      )
      for (const participant of waiting) {
        await enqueue(tx, 'call_conference', callConferenceKey(call.id), {
          callId: call.id,
          step: 'add',
          participantId: participant.id,
        })
      }
    }
    const participantId = LABEL.exec(event.label ?? '')?.[1]
    if (event.event === 'end') {
      await tx.query(
        'update phone_call set conference_ended_at = coalesce(conference_ended_at, $2) where id = $1',
        [call.id, event.at],
      )
    } else if (participantId && event.legId) {
      const leg = sealCallId(services.keyring, call.helpline_id, 'mediator-leg', participantId, event.legId)
      const unreached =
        event.event === 'leave' && event.legStatus && UNREACHED.has(event.legStatus) ? event.legStatus : null
      await tx.query(
        `update call_participant
            set leg_sealed = coalesce(leg_sealed, $3),
                joined_at = case when $4 then coalesce(joined_at, $5) else joined_at end,
                left_at = case when $4 or $6::text is not null then left_at else coalesce(left_at, $5) end,
                unreached = coalesce(unreached, $6)
          where id = $1 and call_id = $2`,
        [participantId, call.id, leg, event.event === 'join', event.at, unreached],
      )
    }
    if (call.message_id) {
      const view = await loadMessageView(tx, services.keyring, call.helpline_id, call.message_id)
      afterCommit(() => services.publisher.toConsoles(call.helpline_id, 'message.updated', view))
    }
    return 'recorded'
  })
}

// The outbox's side of a mediator on the line (call-mediator-requests.ts), one step a row, in
// order per call: `move` the operator's leg into the call's conference, `add` a mediator (their
// number opened only here, for the provider), `remove` one. A step the call has outgrown (ended,
// the mediator gone already) is done; the provider down is tried again later.
import {
  type CallConference,
  type ChannelAdapter,
  type ChannelConnection,
  ChannelSendError,
} from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow, retryLater } from '../outbox/outbox.ts'
import { openCallId, sealCallId } from './call-leg-seals.ts'
import { openMediatorPhone } from './call-mediators.ts'

const MAX_ATTEMPTS = 8

type CallRow = ChannelRow & {
  kind: string
  id: string
  ended: boolean
  operator_leg_sealed: Buffer | null
  conference_sid_sealed: Buffer | null
}

type ParticipantRow = {
  id: string
  mediator_id: string | null
  phone_sealed: Buffer | null
  leg_sealed: Buffer | null
  removal_requested_at: Date | null
  gone: boolean
}

export async function runCallConference(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'done' | 'skipped' | 'retry' | 'failed'> {
  const { rows } = await pool.query<CallRow>(
    `select p.id, p.helpline_id, p.channel_id, ch.kind, ch.config as channel_config, ch.secrets as channel_secrets,
            p.ended_at is not null or p.conference_ended_at is not null as ended,
            p.operator_leg_sealed, p.conference_sid_sealed
       from phone_call p join channel ch on ch.id = p.channel_id where p.id = $1`,
    [row.payload.callId],
  )
  const call = rows[0]
  const conference = call && adapters[call.kind]?.conference
  if (!call || !conference || call.ended) {
    await complete(pool, row.id)
    return 'skipped'
  }
  const { keyring } = services
  const connection = openConnection(keyring, call)
  const conferenceId = () =>
    call.conference_sid_sealed
      ? openCallId(keyring, call.helpline_id, 'conference', call.id, call.conference_sid_sealed)
      : null
  try {
    if (row.payload.step === 'move' && call.operator_leg_sealed) {
      const leg = openCallId(keyring, call.helpline_id, 'operator-leg', call.id, call.operator_leg_sealed)
      await conference.move(connection, leg, call.id)
    } else if (row.payload.step === 'add' || row.payload.step === 'remove') {
      const { rows: found } = await pool.query<ParticipantRow>(
        `select cp.id, cp.mediator_id, m.phone_sealed, cp.leg_sealed, cp.removal_requested_at,
                cp.left_at is not null or cp.unreached is not null as gone
           from call_participant cp left join call_mediator m on m.id = cp.mediator_id
          where cp.id = $1 and cp.call_id = $2`,
        [row.payload.participantId, call.id],
      )
      const participant = found[0]
      const room = conferenceId()
      if (participant && room && !participant.gone) {
        if (row.payload.step === 'add' && !participant.removal_requested_at && !participant.leg_sealed) {
          await addMediator(pool, keyring, { conference, connection, call, participant, room })
        } else if (row.payload.step === 'remove' && participant.leg_sealed) {
          const leg = openCallId(
            keyring,
            call.helpline_id,
            'mediator-leg',
            participant.id,
            participant.leg_sealed,
          )
          await conference.remove(connection, room, leg)
        }
      }
      // let go before their phone was called: never called
      if (participant && !participant.leg_sealed && participant.removal_requested_at) {
        await pool.query(
          `update call_participant set unreached = coalesce(unreached, 'canceled') where id = $1`,
          [participant.id],
        )
      }
    }
    await complete(pool, row.id)
    return 'done'
  } catch (error) {
    const retryable = !(error instanceof ChannelSendError) || error.retryable
    if (retryable && row.attempts < MAX_ATTEMPTS) {
      await retryLater(pool, row, error instanceof ChannelSendError ? error.code : 'ASCOLTO_ERR_CONFERENCE')
      return 'retry'
    }
    await complete(pool, row.id)
    return 'failed'
  }
}

async function addMediator(
  pool: Pool,
  keyring: Services['keyring'],
  step: {
    conference: CallConference
    connection: ChannelConnection
    call: CallRow
    participant: ParticipantRow
    room: string
  },
) {
  const { call, participant } = step
  // a mediator taken off the list since: nobody to call
  if (!participant.mediator_id || !participant.phone_sealed) {
    await pool.query(`update call_participant set unreached = 'canceled' where id = $1`, [participant.id])
    return
  }
  const phone = openMediatorPhone(
    keyring,
    call.helpline_id,
    participant.mediator_id,
    participant.phone_sealed,
  )
  const { legId } = await step.conference.add(
    step.connection,
    step.room,
    phone,
    participantLabel(participant.id),
  )
  await pool.query('update call_participant set leg_sealed = coalesce(leg_sealed, $2) where id = $1', [
    participant.id,
    sealCallId(keyring, call.helpline_id, 'mediator-leg', participant.id, legId),
  ])
}

/** The label a mediator's leg carries at the provider, and comes back with in its reports. */
export const participantLabel = (participantId: string) => `m-${participantId}`

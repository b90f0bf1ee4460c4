// The door an on-call alert goes out through (the helpline's `desk.onCall` channel), and what
// every on-call alert does alike: send a short text to one address, and come again in a few
// minutes until someone answers in a console (a safeguarding flag, a mediator asked for).
import { randomUUID } from 'node:crypto'
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { type OutboxRow, retryLater } from '../outbox/outbox.ts'

const DEFAULT_EVERY_MINUTES = 5
const MAX_FAILED_TRIES = 8

export type OnCallDoor = {
  channel: ChannelRow & { kind: string }
  adapter: ChannelAdapter
  /** the fixed on-call address of the settings */
  address: string
  everyMinutes: number
  languages: string[]
}

export async function findOnCallDoor(
  pool: Pool,
  adapters: Record<string, ChannelAdapter>,
  helplineId: string,
): Promise<OnCallDoor | undefined> {
  const settings = await loadHelplineSettings(pool, helplineId)
  const onCall = settings.desk?.onCall
  if (!onCall) return undefined
  const { rows } = await pool.query<ChannelRow & { kind: string }>(
    `select id as channel_id, helpline_id, config as channel_config, secrets as channel_secrets, kind
       from channel where id = $1 and helpline_id = $2 and enabled`,
    [onCall.channelId, helplineId],
  )
  const channel = rows[0]
  const adapter = channel && adapters[channel.kind]
  if (!channel || !adapter) return undefined
  return {
    channel,
    adapter,
    address: onCall.address,
    everyMinutes: onCall.everyMinutes ?? DEFAULT_EVERY_MINUTES,
    languages: settings.languages,
  }
}

/** Sends one alert; a failure the provider may get past is tried again later ('retry'). */
export async function sendOnCall(
  pool: Pool,
  services: Services,
  door: OnCallDoor,
  row: OutboxRow,
  address: string,
  text: string,
): Promise<'sent' | 'retry' | 'failed'> {
  try {
    await door.adapter.send(
      openConnection(services.keyring, door.channel),
      address,
      { id: randomUUID(), text, createdAt: services.clock() },
      { pushToWidget: services.publisher.toWidget },
    )
    return 'sent'
  } catch (error) {
    const retryable = !(error instanceof ChannelSendError) || error.retryable
    if (retryable && row.attempts < MAX_FAILED_TRIES) {
      await retryLater(pool, row, error instanceof ChannelSendError ? error.code : 'ASCOLTO_ERR_SEND')
      return 'retry'
    }
    return 'failed'
  }
}

/** The same outbox row, again in a few minutes: the next run finds it answered, or alerts again. */
export async function alertAgainLater(pool: Pool, door: OnCallDoor, row: OutboxRow, sent: number) {
  await pool.query(
    `update outbox set leased_until = null, attempts = 0, last_error = null,
            run_at = now() + make_interval(mins => $2), payload = payload || jsonb_build_object('sent', $3::text)
      where id = $1`,
    [row.id, door.everyMinutes, String(sent)],
  )
}

// The external alert of a safeguarding flag: the on-call supervisor's phone or e-mail (the
// supervisor on shift now where the rota and the door allow, else the helpline's `desk.onCall`
// address; `on-call-address.ts`), through one of the helpline's own channels, again every few minutes
// until a supervisor acknowledges the flag in a console. The text names the kind of risk and the
// pseudonym, never the person's words or the reason; the address is the supervisor's, not the person's.
import { randomUUID } from 'node:crypto'
import { type ChannelAdapter, ChannelSendError } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import type { SafeguardingKind } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { type ChannelRow, openConnection } from '../channels/open-connection.ts'
import type { Services, Tx } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { complete, enqueue, type OutboxRow, retryLater } from '../outbox/outbox.ts'
import { onCallRecipient } from './on-call-address.ts'

const DEFAULT_EVERY_MINUTES = 5
/** At most this many alerts per flag (an hour at the default pace): the consoles keep alerting. */
const MAX_ALERTS = 12
const MAX_FAILED_TRIES = 8

const KINDS: Record<string, Record<SafeguardingKind, string>> = {
  it: {
    minor_at_risk: 'possibile minore a rischio',
    imminent_risk: 'rischio imminente',
    emergency_take_in: 'presa in carico in emergenza aperta',
  },
  en: {
    minor_at_risk: 'possible minor at risk',
    imminent_risk: 'imminent risk',
    emergency_take_in: 'emergency take-in opened',
  },
}
const TEXTS: Record<string, (kind: SafeguardingKind, helpline: string, pseudonym: number) => string> = {
  it: (kind, helpline, pseudonym) =>
    `Ascolto · ${helpline}: segnalazione di tutela (${KINDS.it?.[kind]}) per Persona #${pseudonym}. Apri la console per prenderla in carico.`,
  en: (kind, helpline, pseudonym) =>
    `Ascolto · ${helpline}: safeguarding flag (${KINDS.en?.[kind]}) for Persona #${pseudonym}. Open the console to take charge of it.`,
}

/** In the flag's transaction: the first alert, when the helpline has someone on call. */
export async function queueSafeguardingAlert(
  tx: Tx,
  settings: { desk?: { onCall?: unknown } },
  flagId: string,
) {
  if (settings.desk?.onCall) await enqueue(tx, 'safeguarding_alert', `flag:${flagId}`, { flagId, sent: '0' })
}

export async function sendSafeguardingAlert(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'acknowledged' | 'failed' | 'retry'> {
  const { rows } = await pool.query<{
    helpline_id: string
    kind: SafeguardingKind
    acknowledged_at: Date | null
    pseudonym: number
    helpline_name: string
  }>(
    `select f.helpline_id, f.kind, f.acknowledged_at, ct.pseudonym, h.name as helpline_name
       from safeguarding_flag f
       join conversation c on c.id = f.conversation_id
       join contact ct on ct.id = c.contact_id
       join helpline h on h.id = f.helpline_id
      where f.id = $1`,
    [row.payload.flagId],
  )
  const flag = rows[0]
  const sent = Number(row.payload.sent ?? 0)
  // acknowledged (or gone with its conversation): the alerting stops
  if (!flag || flag.acknowledged_at || sent >= MAX_ALERTS) {
    await complete(pool, row.id)
    return 'acknowledged'
  }
  const settings = await loadHelplineSettings(pool, flag.helpline_id)
  const onCall = settings.desk?.onCall
  const channel = onCall
    ? (
        await pool.query<ChannelRow & { kind: string }>(
          `select id as channel_id, helpline_id, config as channel_config, secrets as channel_secrets, kind
             from channel where id = $1 and helpline_id = $2 and enabled`,
          [onCall.channelId, flag.helpline_id],
        )
      ).rows[0]
    : undefined
  const adapter = channel && adapters[channel.kind]
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAuditEvent(pool, {
      helplineId: flag.helpline_id,
      actorId: null,
      action,
      subjectType: 'safeguarding_flag',
      subjectId: row.payload.flagId,
      details,
    })
  if (!onCall || !channel || !adapter) {
    await complete(pool, row.id)
    await audit('safeguarding.alert_failed', { reason: 'no usable on-call channel' })
    return 'failed'
  }
  const recipient = await onCallRecipient(pool, {
    helplineId: flag.helpline_id,
    channelKind: channel.kind,
    fallback: onCall.address,
    at: services.clock(),
  })
  const language = settings.languages.find((l) => l in TEXTS) ?? 'en'
  const text = (TEXTS[language] ?? TEXTS.en)?.(flag.kind, flag.helpline_name, flag.pseudonym) ?? ''
  try {
    await adapter.send(
      openConnection(services.keyring, channel),
      recipient.address,
      { id: randomUUID(), text, createdAt: services.clock() },
      { pushToWidget: services.publisher.toWidget },
    )
  } catch (error) {
    const retryable = !(error instanceof ChannelSendError) || error.retryable
    if (retryable && row.attempts < MAX_FAILED_TRIES) {
      await retryLater(pool, row, error instanceof ChannelSendError ? error.code : 'ASCOLTO_ERR_SEND')
      return 'retry'
    }
    await complete(pool, row.id)
    await audit('safeguarding.alert_failed', { channelKind: channel.kind })
    return 'failed'
  }
  await audit('safeguarding.alert_sent', {
    channelKind: channel.kind,
    count: sent + 1,
    ...(recipient.supervisorId ? { supervisorOnShift: recipient.supervisorId } : {}),
  })
  // the same row, again in a few minutes: the next run finds the flag acknowledged, or alerts again
  await pool.query(
    `update outbox set leased_until = null, attempts = 0, last_error = null,
            run_at = now() + make_interval(mins => $2), payload = payload || jsonb_build_object('sent', $3::text)
      where id = $1`,
    [row.id, onCall.everyMinutes ?? DEFAULT_EVERY_MINUTES, String(sent + 1)],
  )
  return 'sent'
}

// The external alert of a safeguarding flag: the on-call supervisor's phone or e-mail (the
// supervisor on shift now where the rota and the door allow, else the helpline's `desk.onCall`
// address; `on-call-address.ts`), through one of the helpline's own channels, again every few minutes
// until a supervisor acknowledges the flag in a console. The text names the kind of risk and the
// pseudonym, never the person's words or the reason; the address is the supervisor's, not the person's.
import type { ChannelAdapter } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import type { SafeguardingKind } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Services, Tx } from '../context.ts'
import { complete, enqueue, type OutboxRow } from '../outbox/outbox.ts'
import { onCallRecipient } from './on-call-address.ts'
import { alertAgainLater, findOnCallDoor, sendOnCall } from './on-call-door.ts'

/** At most this many alerts per flag (an hour at the default pace): the consoles keep alerting. */
const MAX_ALERTS = 12

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
  const door = await findOnCallDoor(pool, adapters, flag.helpline_id)
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAuditEvent(pool, {
      helplineId: flag.helpline_id,
      actorId: null,
      action,
      subjectType: 'safeguarding_flag',
      subjectId: row.payload.flagId,
      details,
    })
  if (!door) {
    await complete(pool, row.id)
    await audit('safeguarding.alert_failed', { reason: 'no usable on-call channel' })
    return 'failed'
  }
  const recipient = await onCallRecipient(pool, {
    helplineId: flag.helpline_id,
    channelKind: door.channel.kind,
    fallback: door.address,
    at: services.clock(),
  })
  const language = door.languages.find((l) => l in TEXTS) ?? 'en'
  const text = (TEXTS[language] ?? TEXTS.en)?.(flag.kind, flag.helpline_name, flag.pseudonym) ?? ''
  const outcome = await sendOnCall(pool, services, door, row, recipient.address, text)
  if (outcome === 'retry') return 'retry'
  if (outcome === 'failed') {
    await complete(pool, row.id)
    await audit('safeguarding.alert_failed', { channelKind: door.channel.kind })
    return 'failed'
  }
  await audit('safeguarding.alert_sent', {
    channelKind: door.channel.kind,
    count: sent + 1,
    ...(recipient.supervisorId ? { supervisorOnShift: recipient.supervisorId } : {}),
  })
  await alertAgainLater(pool, door, row, sent + 1)
  return 'sent'
}

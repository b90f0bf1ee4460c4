// A mediator asked for, on the helpline's on-call door, as a safeguarding flag is alerted
// (safeguarding/on-call-door.ts): to each mediator of the language on the list, at their account's
// e-mail through a mailbox door, else at the list's phone number; again every few minutes until a
// mediator joins or the request ends. The text names the language and the helpline, nothing of the person.
import type { ChannelAdapter } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { openMediatorPhone } from '../calls/call-mediators.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow } from '../outbox/outbox.ts'
import { alertAgainLater, findOnCallDoor, sendOnCall } from '../safeguarding/on-call-door.ts'

/** At most this many alerts per mediator and request; the consoles keep showing it. */
const MAX_ALERTS = 6

const TEXTS: Record<string, (language: string, helpline: string) => string> = {
  it: (language, helpline) =>
    `Ascolto · ${helpline}: si chiede un mediatore (${language}) in una conversazione. Apri la console per entrare.`,
  en: (language, helpline) =>
    `Ascolto · ${helpline}: a mediator (${language}) is asked for in a conversation. Open the console to join.`,
}

export async function sendMediatorAlert(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'answered' | 'failed' | 'retry'> {
  const { rows } = await pool.query<{
    helpline_id: string
    language: string
    helpline_name: string
    waiting: boolean
    entry_id: string
    phone_sealed: Buffer
    email: string
  }>(
    `select md.helpline_id, md.language, h.name as helpline_name,
            md.ended_at is null and md.mediator_id is null as waiting, cm.id as entry_id, cm.phone_sealed, u.email
       from mediation md
       join helpline h on h.id = md.helpline_id
       join call_mediator cm on cm.id = $2 and cm.helpline_id = md.helpline_id and cm.removed_at is null
       join app_user u on u.id = cm.user_id and u.deactivated_at is null
      where md.id = $1`,
    [row.payload.mediationId, row.payload.entryId],
  )
  const alert = rows[0]
  const sent = Number(row.payload.sent ?? 0)
  // a mediator joined, the request ended, or this one is off the list: the alerting stops
  if (!alert?.waiting || sent >= MAX_ALERTS) {
    await complete(pool, row.id)
    return 'answered'
  }
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAuditEvent(pool, {
      helplineId: alert.helpline_id,
      actorId: null,
      action,
      subjectType: 'call_mediator',
      subjectId: alert.entry_id,
      details: { mediationId: row.payload.mediationId, ...details },
    })
  const door = await findOnCallDoor(pool, adapters, alert.helpline_id)
  if (!door) {
    await complete(pool, row.id)
    await audit('mediation.alert_failed', { reason: 'no usable on-call channel' })
    return 'failed'
  }
  const address =
    door.channel.kind === 'email'
      ? alert.email
      : openMediatorPhone(services.keyring, alert.helpline_id, alert.entry_id, alert.phone_sealed)
  const language = door.languages.find((l) => l in TEXTS) ?? 'en'
  const text = (TEXTS[language] ?? TEXTS.en)?.(alert.language, alert.helpline_name) ?? ''
  const outcome = await sendOnCall(pool, services, door, row, address, text)
  if (outcome === 'retry') return 'retry'
  if (outcome === 'failed') {
    await complete(pool, row.id)
    await audit('mediation.alert_failed', { channelKind: door.channel.kind })
    return 'failed'
  }
  await audit('mediation.alert_sent', { channelKind: door.channel.kind, count: sent + 1 })
  await alertAgainLater(pool, door, row, sent + 1)
  return 'sent'
}

// The helpline's data-protection contact (settings: privacy.dataProtectionContact) is told of every
// reveal of an address and every export of a person's data, by e-mail through the helpline's own
// mailbox, like the rota digest. The notice names the pseudonym, who and why: never an address or
// a word of the person's. The outbox row carries only the audit row's id; the text is made from it
// when sent, so the reason has no copy in the outbox.
import type { ChannelAdapter } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import { openAuditReason } from '../audit/audit-reasons.ts'
import type { ChannelRow } from '../channels/open-connection.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { complete, enqueue, type OutboxRow } from '../outbox/outbox.ts'
import { sendStaffMail } from '../outbox/send-staff-mail.ts'

const MAX_TRIES = 8

type Notice = { helpline: string; who: string; pseudonym: number; reason: string; addresses: boolean }
const TEXTS: Record<string, Record<'revealed' | 'exported', (n: Notice) => string>> = {
  it: {
    revealed: (n) =>
      `Ascolto · ${n.helpline}: ${n.who} ha visto l’indirizzo di Persona #${n.pseudonym}.\nMotivo: ${n.reason}`,
    exported: (n) =>
      `Ascolto · ${n.helpline}: ${n.who} ha esportato i dati di Persona #${n.pseudonym}${n.addresses ? ', indirizzi compresi' : ', senza indirizzi'}.${n.reason ? `\nMotivo: ${n.reason}` : ''}`,
  },
  en: {
    revealed: (n) =>
      `Ascolto · ${n.helpline}: ${n.who} saw the address of Persona #${n.pseudonym}.\nReason: ${n.reason}`,
    exported: (n) =>
      `Ascolto · ${n.helpline}: ${n.who} exported the data of Persona #${n.pseudonym}${n.addresses ? ', addresses included' : ', without addresses'}.${n.reason ? `\nReason: ${n.reason}` : ''}`,
  },
}

/** In the reveal's or export's transaction: a notice, where the helpline names a contact. */
export async function queuePrivacyNotice(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Pick<Services, 'publisher'> },
  helplineId: string,
  auditId: string,
) {
  const settings = await loadHelplineSettings(tx, helplineId)
  if (!settings.privacy?.dataProtectionContact) return
  await enqueue(tx, 'privacy_notice', `privacy:${helplineId}`, { helplineId, auditId })
  afterCommit(() => services.publisher.outboxChanged())
}

export async function sendPrivacyNotice(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'failed' | 'retry'> {
  const { helplineId, auditId } = row.payload as Record<string, string>
  const settings = await loadHelplineSettings(pool, helplineId as string)
  const to = settings.privacy?.dataProtectionContact
  const { rows } = await pool.query<
    ChannelRow & {
      kind: string
      action: string
      audit_id: string
      audit_helpline_id: string
      reason_sealed: Buffer | null
      details: { addresses?: boolean }
      who: string | null
      pseudonym: number | null
    }
  >(
    `select c.id as channel_id, c.helpline_id, c.config as channel_config, c.secrets as channel_secrets, c.kind,
            a.id as audit_id, a.helpline_id as audit_helpline_id, a.reason_sealed, a.action, a.details, u.display_name as who, ct.pseudonym
       from audit_event a
       join channel c on c.helpline_id = a.helpline_id and c.kind = 'email' and c.enabled
       left join app_user u on u.id = a.actor_id
       left join contact ct on ct.id = a.subject_id
      where a.id = $1 and a.helpline_id = $2
      order by c.created_at limit 1`,
    [auditId, helplineId],
  )
  const found = rows[0]
  const adapter = found && adapters[found.kind]
  if (!to || !found || !adapter) {
    await complete(pool, row.id)
    return 'failed'
  }
  const texts = TEXTS[settings.languages[0] ?? 'it'] ?? TEXTS.it
  const notice: Notice = {
    helpline: settings.name,
    who: found.who ?? '?',
    // an erased person keeps no pseudonym: the notice says so by its absence
    pseudonym: found.pseudonym ?? 0,
    reason:
      openAuditReason(services.keyring, {
        id: found.audit_id,
        helpline_id: found.audit_helpline_id,
        reason_sealed: found.reason_sealed,
      }) ?? '',
    addresses: found.details.addresses ?? true,
  }
  const text = texts?.[found.action === 'contact.exported' ? 'exported' : 'revealed'](notice) ?? ''
  return sendStaffMail(pool, services, row, { adapter, channel: found, to, text, maxTries: MAX_TRIES })
}

// A mail from the rota to one operator (the coordinators' digest, an operator's reminder before a
// shift), through the helpline's own mailbox (where SMTP is configured), from an outbox row the
// worker runs and retries like any other.
import type { ChannelAdapter } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import type { ChannelRow } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow } from '../outbox/outbox.ts'
import { sendStaffMail } from '../outbox/send-staff-mail.ts'

const MAX_TRIES = 8

/** Who the mail goes to, as its text needs them. */
export type MailReader = { locale: string; helplineName: string }

export async function mailOperator(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
  /** From the outbox row's payload: a row missing any of them is dropped. */
  to: {
    helplineId: string | undefined
    channelId: string | undefined
    userId: string | undefined
    /** Only while they still hold this role in the helpline (the digest: coordinators). */
    role?: string
  },
  textOf: (reader: MailReader) => Promise<string | null>,
): Promise<'sent' | 'failed' | 'retry'> {
  if (!to.helplineId || !to.channelId || !to.userId) {
    await complete(pool, row.id)
    return 'failed'
  }
  const { rows } = await pool.query<
    ChannelRow & { kind: string; email: string; locale: string; name: string }
  >(
    `select c.id as channel_id, c.helpline_id, c.config as channel_config, c.secrets as channel_secrets, c.kind,
            u.email, u.locale, h.name
       from channel c join helpline h on h.id = c.helpline_id
       join membership m on m.helpline_id = h.id and m.user_id = $3 and ($4::text is null or m.role = $4)
       join app_user u on u.id = m.user_id and u.deactivated_at is null
      where c.id = $1 and c.helpline_id = $2 and c.enabled`,
    [to.channelId, to.helplineId, to.userId, to.role ?? null],
  )
  const target = rows[0]
  const adapter = target && adapters[target.kind]
  const text = target && adapter ? await textOf({ locale: target.locale, helplineName: target.name }) : null
  if (!target || !adapter || text === null) {
    await complete(pool, row.id)
    return 'failed'
  }
  return sendStaffMail(pool, services, row, {
    adapter,
    channel: target,
    to: target.email,
    text,
    maxTries: MAX_TRIES,
  })
}

// The worker's half of a reset by e-mail: the link, opened from its sealed outbox payload, sent to
// the account's address through the helpline's mailbox, in the account's language. A link spent or
// expired before its turn is not sent; a failed send is retried like any other mail.
import type { ChannelAdapter } from '@ascolto/channels'
import type { Pool } from '@ascolto/db'
import type { ChannelRow } from '../channels/open-connection.ts'
import type { Services } from '../context.ts'
import { complete, type OutboxRow } from '../outbox/outbox.ts'
import { sendStaffMail } from '../outbox/send-staff-mail.ts'
import { RESET_MINUTES, resetLinkContext } from './password-resets.ts'

const MAX_TRIES = 5

const TEXTS: Record<string, (helpline: string, link: string) => string> = {
  it: (helpline, link) =>
    [
      `Ascolto · ${helpline}: qualcuno ha chiesto di reimpostare la password del tuo account.`,
      '',
      `Per sceglierne una nuova apri questo link entro ${RESET_MINUTES.email} minuti (funziona una volta sola):`,
      link,
      '',
      'Se non l’hai chiesto tu, ignora questa e-mail: la password resta quella di prima.',
    ].join('\n'),
  en: (helpline, link) =>
    [
      `Ascolto · ${helpline}: someone asked to reset your account's password.`,
      '',
      `To choose a new one, open this link within ${RESET_MINUTES.email} minutes (it works once):`,
      link,
      '',
      'If it was not you, ignore this e-mail: your password stays as it was.',
    ].join('\n'),
}

export async function sendPasswordReset(
  pool: Pool,
  services: Services,
  adapters: Record<string, ChannelAdapter>,
  row: OutboxRow,
): Promise<'sent' | 'failed' | 'retry'> {
  const { resetId, channelId, link } = row.payload as Record<string, string>
  const { rows } = await pool.query<
    ChannelRow & { kind: string; email: string; locale: string; name: string }
  >(
    `select c.id as channel_id, c.helpline_id, c.config as channel_config, c.secrets as channel_secrets, c.kind,
            u.email, u.locale, h.name
       from password_reset r join app_user u on u.id = r.user_id and u.deactivated_at is null
       join channel c on c.id = $2 and c.helpline_id = r.helpline_id and c.enabled
       join helpline h on h.id = c.helpline_id
      where r.id = $1 and r.used_at is null and r.expires_at > now()`,
    [resetId, channelId],
  )
  const target = rows[0]
  const adapter = target && adapters[target.kind]
  if (!target || !adapter || !link || !resetId) {
    await complete(pool, row.id)
    return 'failed'
  }
  const opened = services.keyring
    .scope('staff-accounts')
    .open(Buffer.from(link, 'base64'), resetLinkContext(resetId))
  const text = (TEXTS[target.locale] ?? (TEXTS.it as NonNullable<(typeof TEXTS)['it']>))(target.name, opened)
  return sendStaffMail(pool, services, row, {
    adapter,
    channel: target,
    to: target.email,
    text,
    maxTries: MAX_TRIES,
  })
}

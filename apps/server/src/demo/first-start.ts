// What a fresh installation needs to be usable: a first admin (with a one-time password shown
// once), and with --demo a demo helpline whose web chat the demo page carries.
import { randomBytes } from 'node:crypto'
import { addMembership, createChannel, createHelpline, createUser } from '@ascolto/core'
import { type Pool, withTransaction } from '@ascolto/db'

export const FIRST_ADMIN_EMAIL = 'admin@ascolto.local'

export async function ensureFirstAdmin(pool: Pool): Promise<{ email: string; password: string } | undefined> {
  return withTransaction(pool, async (tx) => {
    await tx.query('lock table app_user in exclusive mode')
    const { rows } = await tx.query('select 1 from app_user limit 1')
    if (rows.length > 0) return undefined
    const password = randomBytes(12).toString('base64url')
    await createUser(tx, { email: FIRST_ADMIN_EMAIL, displayName: 'Admin', password, isAdmin: true })
    return { email: FIRST_ADMIN_EMAIL, password }
  })
}

export async function ensureDemoHelpline(pool: Pool): Promise<{ helplineId: string; channelId: string }> {
  return withTransaction(pool, async (tx) => {
    await tx.query('lock table helpline in exclusive mode')
    const existing = await tx.query<{ helpline_id: string; channel_id: string }>(
      `select h.id as helpline_id, ch.id as channel_id from helpline h
         join channel ch on ch.helpline_id = h.id and ch.kind = 'webchat'
        where h.slug = 'demo' order by ch.created_at limit 1`,
    )
    if (existing.rows[0])
      return { helplineId: existing.rows[0].helpline_id, channelId: existing.rows[0].channel_id }
    const helpline = await createHelpline(tx, { slug: 'demo', name: "Linea d'ascolto (demo)" })
    const channel = await createChannel(tx, {
      helplineId: helpline.id,
      kind: 'webchat',
      name: 'Chat sul sito',
    })
    const admins = await tx.query<{ id: string }>('select id from app_user where is_admin')
    for (const admin of admins.rows) {
      await addMembership(tx, { userId: admin.id, helplineId: helpline.id, role: 'coordinator' })
    }
    return { helplineId: helpline.id, channelId: channel.id }
  })
}

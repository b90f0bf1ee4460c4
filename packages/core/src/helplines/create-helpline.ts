import type { Queryable } from '@ascolto/db'

export async function createHelpline(
  db: Queryable,
  input: { slug: string; name: string; timeZone?: string; defaultLocale?: string },
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into helpline (slug, name, time_zone, default_locale) values ($1, $2, $3, $4) returning id`,
    [input.slug, input.name, input.timeZone ?? 'Europe/Rome', input.defaultLocale ?? 'it'],
  )
  const row = rows[0]
  if (!row) throw new Error('Helpline insert returned nothing')
  return row
}

export async function createChannel(
  db: Queryable,
  input: { helplineId: string; kind: string; name: string; config?: Record<string, unknown> },
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `insert into channel (helpline_id, kind, name, config) values ($1, $2, $3, $4) returning id`,
    [input.helplineId, input.kind, input.name, input.config ?? {}],
  )
  const row = rows[0]
  if (!row) throw new Error('Channel insert returned nothing')
  return row
}

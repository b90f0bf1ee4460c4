// A door of the helpline's own with no provider behind it (contacts logged by hand, the report
// form): one per helpline and kind, made the first time it is needed.
import type { Tx } from '../context.ts'

export async function ownDoor(tx: Tx, helplineId: string, kind: string, name: string) {
  // one at a time per helpline, so two first uses make one door
  await tx.query('select 1 from helpline where id = $1 for update', [helplineId])
  const found = await tx.query<{ id: string }>(
    'select id from channel where helpline_id = $1 and kind = $2',
    [helplineId, kind],
  )
  if (found.rows[0]) return found.rows[0].id
  const made = await tx.query<{ id: string }>(
    'insert into channel (helpline_id, kind, name) values ($1, $2, $3) returning id',
    [helplineId, kind, name],
  )
  return made.rows[0]?.id as string
}

import type { ContactHistory } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { loadConversationViews } from './conversation-views.ts'
import { findConversationForActor } from './find-conversation.ts'

/**
 * The person's other conversations with this helpline that retention has kept, newest first,
 * under the same pseudonym (never an address), each with the categories it was closed with.
 */
export async function listContactHistory(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Services },
  actor: Actor,
  conversationId: string,
): Promise<ContactHistory> {
  const record = await findConversationForActor(tx, actor, conversationId)
  const { rows } = await tx.query<{ id: string; categories: string[] | null }>(
    `select c.id, f.categories from conversation c left join conversation_fact f on f.conversation_id = c.id
      where c.contact_id = $1 and c.helpline_id = $2 and c.id <> $3
      order by c.opened_at desc limit 50`,
    [record.contact_id, record.helpline_id, record.id],
  )
  if (rows.length === 0) return { conversations: [] }
  const views = await loadConversationViews(tx, services.keyring, {
    helplineIds: [record.helpline_id],
    ids: rows.map((row) => row.id),
  })
  const byId = new Map(views.map((view) => [view.id, view]))
  return {
    conversations: rows.flatMap((row) => {
      const conversation = byId.get(row.id)
      return conversation ? [{ conversation, categories: row.categories ?? [] }] : []
    }),
  }
}

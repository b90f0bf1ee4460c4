// Retention: once a person has been silent for their helpline's months (counted from their last
// message, not from the conversation's start), their key is destroyed and everything about them is
// deleted for real: the address, the conversations, the messages, the notes. What statistics need survives as anonymous
// conversation_fact rows, written first in the same transaction. A contact under legal hold, or in
// a case still kept (purge-closed-cases.ts), is left alone until the hold is lifted or ends (unless
// renewed) or the case goes.
import type { Pool } from '@ascolto/db'
import { withTransaction } from '@ascolto/db'
import { destroyContactKeys } from '../contacts/contact-keys.ts'
import { keepBlocksOfErased } from '../contacts/erased-blocks.ts'
import type { Tx } from '../context.ts'
import { recordConversationFacts } from '../conversations/record-conversation-facts.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { purgeErasedProviderIds } from '../messages/erased-provider-ids.ts'
import { queueProviderErasure } from './erase-provider-copies.ts'
import { HOLD_IN_FORCE } from './legal-hold.ts'
import { DEFAULT_AUDIT_YEARS, purgeAuditEvents } from './purge-audit-events.ts'
import { keptByCase, purgeClosedCases } from './purge-closed-cases.ts'

type BatchCounts = { contacts: number; conversations: number; messages: number }
export type PurgeCounts = BatchCounts & { auditEvents: number }

const DEFAULT_BATCH_SIZE = 200

/**
 * Safe to run from several workers at once: each batch locks its contacts with `skip locked`, so a
 * contact is purged by one of them, and counted once.
 */
export async function purgeInactiveContacts(
  pool: Pool,
  keyring: Keyring,
  options: { now?: Date; batchSize?: number } = {},
): Promise<PurgeCounts> {
  const now = options.now ?? new Date()
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  const total: PurgeCounts = { contacts: 0, conversations: 0, messages: 0, auditEvents: 0 }
  const failures: unknown[] = []
  await purgeErasedProviderIds(pool, now)
  // what the installation itself logged (no helpline): the default years
  total.auditEvents += await withTransaction(pool, (tx) =>
    purgeAuditEvents(tx, { helplineId: null, years: DEFAULT_AUDIT_YEARS, now }),
  )
  const { rows: helplines } = await pool.query<{ id: string }>('select id from helpline order by id')
  // one helpline's failure (a bad time zone, say) must not keep the others' data past its time
  for (const { id: helplineId } of helplines) {
    try {
      const settings = await loadHelplineSettings(pool, helplineId)
      // cases first: the people of a case that goes now are then purged as anyone else
      await withTransaction(pool, (tx) =>
        purgeClosedCases(tx, { helplineId, months: settings.retention.months, now }),
      )
      const years = settings.retention.auditYears ?? DEFAULT_AUDIT_YEARS
      total.auditEvents += await withTransaction(pool, (tx) =>
        purgeAuditEvents(tx, { helplineId, years, now }),
      )
      for (;;) {
        const batch = await withTransaction(pool, (tx) =>
          purgeBatch(tx, { keyring, helplineId, months: settings.retention.months, now, batchSize }),
        )
        total.contacts += batch.contacts
        total.conversations += batch.conversations
        total.messages += batch.messages
        if (batch.contacts < batchSize) break
      }
    } catch (error) {
      failures.push(error)
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `Retention purge failed for ${failures.length} helpline(s)`)
  }
  return total
}

async function purgeBatch(
  tx: Tx,
  input: { keyring: Keyring; helplineId: string; months: number; now: Date; batchSize: number },
): Promise<BatchCounts> {
  // coalesce(last_inbound_at, created_at) < cutoff, written so the (helpline_id, last_inbound_at)
  // index serves it. A contact whose message is being stored right now is locked: skipped, rightly.
  const { rows: due } = await tx.query<{ id: string }>(
    `select id from contact
      where helpline_id = $1 and not ${HOLD_IN_FORCE('legal_hold_at', 'legal_hold_until', '$2::timestamptz')}
        and (last_inbound_at < $2::timestamptz - make_interval(months => $3)
             or (last_inbound_at is null and created_at < $2::timestamptz - make_interval(months => $3)))
        and not ${keptByCase('contact.id', '$2', '$3')}
      limit $4
      for update skip locked`,
    [input.helplineId, input.now, input.months, input.batchSize],
  )
  if (due.length === 0) return { contacts: 0, conversations: 0, messages: 0 }

  // Locking the conversations too holds off a reply or a note being written into them meanwhile,
  // so the facts describe exactly what is deleted. One that someone holds right now (a message
  // arriving, a volunteer replying) means its contact is active: left for the next run. Never
  // waiting on a lock is also what keeps the purge out of deadlocks with the message paths.
  const { rows: all } = await tx.query<{ id: string; contact_id: string }>(
    'select id, contact_id from conversation where contact_id = any($1::uuid[])',
    [due.map((row) => row.id)],
  )
  const { rows: locked } = await tx.query<{ id: string }>(
    'select id from conversation where id = any($1::uuid[]) for update skip locked',
    [all.map((row) => row.id)],
  )
  const lockedIds = new Set(locked.map((row) => row.id))
  const busy = new Set(all.filter((row) => !lockedIds.has(row.id)).map((row) => row.contact_id))
  const contactIds = due.map((row) => row.id).filter((id) => !busy.has(id))
  const conversationIds = all.filter((row) => !busy.has(row.contact_id)).map((row) => row.id)
  if (contactIds.length === 0) return { contacts: 0, conversations: 0, messages: 0 }

  // a conversation closed with the closing form keeps the category and outcome recorded then
  await recordConversationFacts(tx, conversationIds)
  // the provider's ids open with the people's keys: taken before they are destroyed
  await queueProviderErasure(tx, input.keyring, conversationIds)
  await keepBlocksOfErased(tx, contactIds)
  await destroyContactKeys(tx, contactIds)

  // Payloads carry ids only, but nothing should be left pointing at what no longer exists.
  await tx.query(
    `delete from outbox
      where payload->>'messageId' in (select id::text from message where conversation_id = any($1::uuid[]))
         or payload->>'conversationId' = any($1::text[])
         or payload->>'contactId' = any($2::text[])`,
    [conversationIds, contactIds],
  )
  const messages = await tx.query('delete from message where conversation_id = any($1::uuid[])', [
    conversationIds,
  ])
  const deletedConversations = await tx.query('delete from conversation where id = any($1::uuid[])', [
    conversationIds,
  ])
  // the identities (sealed addresses and their keyed hashes) go with the contact, by cascade
  const contacts = await tx.query('delete from contact where id = any($1::uuid[])', [contactIds])

  const counts: BatchCounts = {
    contacts: contacts.rowCount ?? 0,
    conversations: deletedConversations.rowCount ?? 0,
    messages: messages.rowCount ?? 0,
  }
  // In the batch's own transaction, so no deletion goes unrecorded; counts only, never ids of people.
  await tx.query(
    `insert into audit_event (helpline_id, action, subject_type, subject_id, details)
     values ($1, 'retention.purge', 'helpline', $1, $2)`,
    [input.helplineId, { ...counts, months: input.months }],
  )
  return counts
}

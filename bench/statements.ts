// Statements per inbound message, as the database sees them: an Ascolto started in this process
// (bench/in-process.ts), every query its PostgreSQL clients send counted (with node-postgres each
// is one round trip; BEGIN and COMMIT included), for a person writing for the first time and for
// a person already in a conversation: one signed webhook at a time (what a message alone takes),
// and AT_ONCE at a time, as under load, where the people whose messages arrive together share
// their transaction's statements (packages/core/src/transactions/transaction-groups.ts).
import pg from 'pg'
import { startInProcessAscolto } from './in-process.ts'
import type { BenchDatabase } from './lib.ts'

let counted = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
  counted++
  return query.apply(this, args)
} as typeof query

const MESSAGES = 20
const AT_ONCE = 32

export async function statementsPerMessage(db: BenchDatabase) {
  const ascolto = await startInProcessAscolto(db)
  let firstPerson = 0
  /** `count` messages, `atOnce` at a time, from `count` people starting at firstPerson */
  const measure = async (count: number, atOnce: number) => {
    counted = 0
    let next = 0
    await Promise.all(
      Array.from({ length: atOnce }, async () => {
        for (let i = next++; i < count; i = next++) {
          await ascolto.send(`39344${String(firstPerson + i).padStart(7, '0')}`, `bench ${i}`)
        }
      }),
    )
    return Math.round((counted / count) * 10) / 10
  }
  // the first message of each person makes them; the same people's next ones find them waiting
  const newPerson = await measure(MESSAGES, 1)
  const inConversation = await measure(MESSAGES, 1)
  firstPerson += MESSAGES
  const newPersonTogether = await measure(AT_ONCE * 10, AT_ONCE)
  const inConversationTogether = await measure(AT_ONCE * 10, AT_ONCE)
  await ascolto.stop()
  return { newPerson, inConversation, newPersonTogether, inConversationTogether }
}

/** How many messages at a time the "together" figures were measured with. */
export const STATEMENTS_AT_ONCE = AT_ONCE

// Statements per inbound message, as the database sees them: an Ascolto started in this process
// (bench/in-process.ts), every query its PostgreSQL clients send counted (with node-postgres each
// is one round trip; BEGIN and COMMIT included), one signed webhook at a time, for a person
// writing for the first time and for a person already in a conversation.
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

export async function statementsPerMessage(db: BenchDatabase) {
  const ascolto = await startInProcessAscolto(db)
  const phone = (i: number) => `39344${String(i).padStart(7, '0')}`
  const measure = async () => {
    counted = 0
    for (let i = 0; i < MESSAGES; i++) await ascolto.send(phone(i), `bench ${i}`)
    return Math.round((counted / MESSAGES) * 10) / 10
  }
  // the first message of each person makes them; the same people's next ones find them waiting
  const newPerson = await measure()
  const inConversation = await measure()
  await ascolto.stop()
  return { newPerson, inConversation }
}

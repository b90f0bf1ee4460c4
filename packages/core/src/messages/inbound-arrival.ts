// What a message finds on arrival (migration 0059, `inbound_arrival`): the person's lock on this
// door (their first two messages racing make one contact, one conversation), the provider's
// earlier delivery of it, an erased person's id, the versions of the channel and of the rules,
// the person and their open conversation, locked, or for a new person a block kept from one
// erased at this address. The arrivals of several people in one transaction are one statement
// (transactions/statement-batches.ts), their locks taken in one order, the same in every
// instance, so two transactions each holding several people's locks never wait for each other.
import { statementBatches } from '../transactions/statement-batches.ts'

export type ArrivalInput = {
  channelId: string
  helplineId: string
  addressHash: Buffer
  providerIdHash: string
}

export type Arrival = {
  channel_version: string | null
  duplicate_id: string | null
  duplicate_conversation_id: string | null
  duplicate_created_at: Date | null
  erased: boolean
  settings_version: string | null
  contact_id: string | null
  key_sealed: Buffer | null
  blocked: boolean | null
  open_id: string | null
  auto_replies_sent: string[] | null
  erased_blocked: boolean | null
  erased_blocked_until: Date | null
}

const lockKey = (input: ArrivalInput) => `${input.channelId}:${input.addressHash.toString('hex')}`

export const inboundArrival = statementBatches<ArrivalInput, Arrival>(async (tx, inputs) => {
  const sorted = inputs
    .map((input) => ({ input, key: lockKey(input) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  // the function runs for each row in the rows' order: the locks are taken in it
  const { rows } = await tx.query<Arrival>({
    name: 'inbound-arrival',
    text: `select a.* from unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::bytea[])
                with ordinality as u(lock_key, channel_id, provider_id_hash, helpline_id, address_hash, n)
           cross join lateral inbound_arrival(u.lock_key, u.channel_id, u.provider_id_hash, u.helpline_id,
                                              u.address_hash) a
           order by u.n`,
    values: [
      sorted.map(({ key }) => key),
      sorted.map(({ input }) => input.channelId),
      sorted.map(({ input }) => input.providerIdHash),
      sorted.map(({ input }) => input.helplineId),
      sorted.map(({ input }) => input.addressHash),
    ],
  })
  const found = new Map(sorted.map(({ input }, index) => [input, rows[index]]))
  return inputs.map((input) => found.get(input) ?? new Error('inbound_arrival returned nothing'))
})

// Two Ascolto installations on loopback, each with its own database, whose helplines' coordinators
// exchanged keys and addresses as the partners screen shows them: the regional line and the
// national number. And what a test of the door needs: a referral sent from a conversation, a state
// set on the receiving side, the rows a refused request must not have added.
import { randomUUID } from 'node:crypto'
import { type Actor, changeReferralState, installationKey, signRequest } from '@ascolto/core'
import { type Pool, withTransaction } from '@ascolto/db'
import type { CreateReferralBody, PartnersView, ReferralStateBody, ReferralView } from '@ascolto/protocol'
import { noteMadeUpBody } from './log-scan.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  publicUrlEnv,
  startTestServer,
  type TestServer,
  visitorToken,
} from './test-server.ts'

export type Side = {
  server: TestServer
  helplineId: string
  channelId: string
  coordinator: Awaited<ReturnType<typeof makeOperator>>
  actor: Actor
  /** What this helpline's coordinators give partners. */
  own: PartnersView['own']
  /** The other installation, in this helpline's partners list. */
  partnerId: string
}

/** Two installations, each public at the address it tells partners. */
export async function startTwoInstallations() {
  const regional = await startTestServer(await publicUrlEnv())
  const national = await startTestServer(await publicUrlEnv())
  return { regional, national, close: () => Promise.all([regional.close(), national.close()]) }
}

async function sideOf(server: TestServer) {
  const { helplineId, channelId } = await makeHelpline(server.pool)
  const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Coordinatrice')
  const answer = await call(`${server.url}/api/helplines/${helplineId}/partners`, {
    cookie: coordinator.cookie,
  })
  if (answer.status !== 200) throw new Error(`partners: ${answer.status}`)
  const actor: Actor = {
    userId: coordinator.userId,
    displayName: 'Coordinatrice',
    isAdmin: false,
    roles: new Map([[helplineId, 'coordinator']]),
  }
  return { server, helplineId, channelId, coordinator, actor, own: (answer.body as PartnersView).own }
}

export async function addPartner(
  side: Omit<Side, 'partnerId'>,
  other: { own: PartnersView['own'] },
  name: string,
) {
  const added = await call(`${side.server.url}/api/helplines/${side.helplineId}/partners`, {
    cookie: side.coordinator.cookie,
    body: { name, baseUrl: other.own.baseUrl, publicKey: other.own.publicKey, enabled: true },
  })
  if (added.status !== 201) throw new Error(`partner: ${added.status} ${JSON.stringify(added.body)}`)
  return (added.body as { id: string }).id
}

/** A helpline on each installation, each the other's partner. */
export async function partnerHelplines(regionalServer: TestServer, nationalServer: TestServer) {
  const regional = await sideOf(regionalServer)
  const national = await sideOf(nationalServer)
  const regionalPartner = await addPartner(regional, national, 'Numero Verde Antitratta')
  const nationalPartner = await addPartner(national, regional, 'Linea regionale antitratta')
  return {
    regional: { ...regional, partnerId: regionalPartner },
    national: { ...national, partnerId: nationalPartner },
  }
}

/** A person writes on the web chat of the side's helpline and its coordinator takes the conversation. */
export async function takenConversation(side: Side) {
  const token = visitorToken()
  const url = `${side.server.url}/api/widget/v1/channels/${side.channelId}/messages`
  const sent = await call(url, { token, body: { clientId: randomUUID(), text: 'ho bisogno di aiuto' } })
  if (sent.status !== 201) throw new Error(`widget: ${sent.status}`)
  const { rows } = await side.server.pool.query<{ id: string }>(
    'select id from conversation where channel_id = $1',
    [side.channelId],
  )
  const conversationId = rows[0]?.id ?? ''
  const taken = await call(`${side.server.url}/api/conversations/${conversationId}/take`, {
    cookie: side.coordinator.cookie,
    body: {},
  })
  if (taken.status !== 200) throw new Error(`take: ${taken.status}`)
  return conversationId
}

/**
 * The side's coordinator refers a conversation to its partner installation, with the person's
 * consent, through the API the console's "Indirizza a un servizio" uses.
 */
export async function referToPartner(
  side: Side,
  conversationId: string,
  reason = 'Donna in pericolo, chiede accoglienza',
) {
  const body: CreateReferralBody = {
    conversationId,
    target: { kind: 'installation', partnerId: side.partnerId },
    urgency: 'urgent',
    reason,
    languages: ['it', 'ro'],
    shared: 'Ha accettato che il servizio la richiami.',
    consent: { givenAt: new Date().toISOString(), givenBy: 'person' },
  }
  noteMadeUpBody(body)
  const sent = await call(`${side.server.url}/api/referrals`, { cookie: side.coordinator.cookie, body })
  if (sent.status !== 201) throw new Error(`referral: ${sent.status} ${JSON.stringify(sent.body)}`)
  return sent.body as ReferralView
}

/** The receiving side's coordinator moves a referral on (accepts, takes in charge, refuses, closes). */
export function setState(side: Side, referralId: string, body: ReferralStateBody) {
  noteMadeUpBody(body)
  return withTransaction(side.server.pool, (tx, afterCommit) =>
    changeReferralState({ tx, afterCommit, services: side.server.services }, side.actor, referralId, body),
  )
}

/** Rows a refused request must leave as they were. */
export async function storedCounts(pool: Pool) {
  const { rows } = await pool.query<Record<string, number>>(
    `select (select count(*) from referral)::int as referrals,
            (select count(*) from referral_packet)::int as packets,
            (select count(*) from referral_event)::int as events,
            (select count(*) from contact)::int as contacts,
            (select count(*) from partner_nonce)::int as nonces`,
  )
  if (!rows[0]) throw new Error('no counts')
  return rows[0]
}

/** A request to a door, signed with the installation's own key (or the key given), as its worker would. */
export async function signedPost(
  from: TestServer,
  url: string,
  body: string,
  options: { now?: Date; key?: Awaited<ReturnType<typeof installationKey>> } = {},
) {
  const key = options.key ?? (await installationKey(from.pool, from.services.keyring))
  const headers = await signRequest({ method: 'POST', url, body, key, now: options.now ?? new Date() })
  return {
    headers,
    send: (override: { headers?: Record<string, string>; body?: string } = {}) =>
      call(url, { method: 'POST', headers: override.headers ?? headers, body: override.body ?? body }),
  }
}

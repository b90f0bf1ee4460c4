// Referrals between two Ascolto installations on loopback, each with its own database: the
// regional line refers a conversation to the national number; the referral travels signed through
// the outbox, enters the national helpline's incoming queue, and every state set there (accepted,
// taken in charge, closed; or refused with a reason) comes back the same way. Replayed, unsigned,
// wrongly signed, stale, unknown-partner and disabled-partner requests are refused with a coded
// 4xx and nothing stored.
import assert from 'node:assert/strict'
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { openPacket } from '@ascolto/core'
import { eventually } from '../../testing/eventually.ts'
import {
  partnerHelplines,
  referToPartner,
  setState,
  signedPost,
  startTwoInstallations,
  storedCounts,
  takenConversation,
} from '../../testing/partner-installations.ts'
import { call, makeHelpline, type TestServer } from '../../testing/test-server.ts'

const WAIT_MS = 60_000

describe('referrals between installations', () => {
  let installations: Awaited<ReturnType<typeof startTwoInstallations>>
  let regional: TestServer
  let national: TestServer
  before(async () => {
    installations = await startTwoInstallations()
    regional = installations.regional
    national = installations.national
  })
  after(async () => installations.close())

  const stateOf = async (server: TestServer, referralId: string) =>
    (await server.pool.query<{ state: string }>('select state from referral where id = $1', [referralId]))
      .rows[0]?.state
  /** The national side's copy of a referral the regional side sent. */
  const arrived = async (remoteId: string) =>
    (
      await national.pool.query<{ id: string; to_helpline_id: string; state: string; urgency: string }>(
        'select id, to_helpline_id, state, urgency from referral where remote_id = $1',
        [remoteId],
      )
    ).rows[0]
  /** Waits for the referral to reach the national queue. */
  const arrival = async (remoteId: string) => {
    await eventually(
      'the referral reaches the national queue',
      async () => Boolean(await arrived(remoteId)),
      WAIT_MS,
    )
    const incoming = await arrived(remoteId)
    assert.ok(incoming)
    return incoming
  }
  const cameBack = (referralId: string, state: string) =>
    eventually(
      `the regional side sees ${state}`,
      async () => (await stateOf(regional, referralId)) === state,
      WAIT_MS,
    )

  it('goes out signed, arrives in the queue, and its states come back: received, accepted, in charge, closed', async () => {
    const lines = await partnerHelplines(regional, national)
    // the send dialog offers the partner installation beside the installation's own helplines
    const targets = await call(
      `${regional.url}/api/helplines/${lines.regional.helplineId}/referral-targets`,
      {
        cookie: lines.regional.coordinator.cookie,
      },
    )
    assert.deepEqual(targets.body.installations, [
      { id: lines.regional.partnerId, name: 'Numero Verde Antitratta' },
    ])
    const conversationId = await takenConversation(lines.regional)
    const sent = await referToPartner(lines.regional, conversationId)
    assert.equal(sent.state, 'sent')

    const incoming = await arrival(sent.id)
    assert.equal(incoming.to_helpline_id, lines.national.helplineId)
    assert.equal(incoming.state, 'received')
    assert.equal(incoming.urgency, 'urgent')
    // the packet, sealed under the key of a person new to the national helpline, opens whole
    const opened = await openPacket(national.pool, national.services.keyring, incoming.id)
    assert.equal(opened?.packet.reason, 'Donna in pericolo, chiede accoglienza')
    assert.deepEqual(opened?.packet.languages, ['it', 'ro'])
    await cameBack(sent.id, 'received')

    for (const state of ['accepted', 'in_charge', 'closed'] as const) {
      await setState(lines.national, incoming.id, { state })
      await cameBack(sent.id, state)
    }
    const { rows: events } = await regional.pool.query<{ state: string; by_partner_id: string | null }>(
      'select state, by_partner_id from referral_event where referral_id = $1 order by id',
      [sent.id],
    )
    assert.deepEqual(
      events.map((e) => e.state),
      ['sent', 'received', 'accepted', 'in_charge', 'closed'],
    )
    assert.ok(events.slice(1).every((e) => e.by_partner_id === lines.regional.partnerId))
    // the outboxes empty: every request was acknowledged (the sender clears its row once the
    // answer is back, which can be just after the other side has stored the state)
    for (const server of [regional, national]) {
      await eventually(
        'every request acknowledged',
        async () =>
          (await server.pool.query("select 1 from outbox where kind = 'referral_remote'")).rowCount === 0,
        WAIT_MS,
      )
    }
  })

  it('comes back refused, with the reason and the explanation', async () => {
    const lines = await partnerHelplines(regional, national)
    const sent = await referToPartner(lines.regional, await takenConversation(lines.regional))
    const incoming = await arrival(sent.id)
    await setState(lines.national, incoming.id, {
      state: 'refused',
      refusalReason: 'outside-area',
      refusalNote: 'Fuori dal nostro territorio: provate il numero regionale',
    })
    await cameBack(sent.id, 'refused')
    const { rows } = await regional.pool.query<{ refusal_reason: string }>(
      'select refusal_reason from referral where id = $1',
      [sent.id],
    )
    assert.equal(rows[0]?.refusal_reason, 'outside-area')
    const opened = await openPacket(regional.pool, regional.services.keyring, sent.id)
    assert.equal(opened?.refusalNote, 'Fuori dal nostro territorio: provate il numero regionale')
  })

  it('refuses replayed, unsigned, wrongly signed, stale and unknown or disabled partners, storing nothing', async () => {
    const lines = await partnerHelplines(regional, national)
    const door = `${lines.national.own.baseUrl}/referrals`
    const body = JSON.stringify({
      id: randomUUID(),
      urgency: 'soon',
      consent: { givenAt: new Date().toISOString(), givenBy: 'person' },
      packet: { reason: 'Richiesta di accoglienza', languages: ['it'], shared: '', addresses: [] },
    })
    const refused = async (
      what: string,
      answer: Promise<{ status: number; body: unknown }>,
      status: number,
      code: string,
    ) => {
      const before = await storedCounts(national.pool)
      const { status: got, body: error } = await answer
      assert.equal(got, status, `${what}: ${JSON.stringify(error)}`)
      assert.equal((error as { code: string }).code, code, what)
      assert.deepEqual(await storedCounts(national.pool), before, `${what}: nothing stored`)
    }

    const valid = await signedPost(regional, door, body)
    const {
      signature: _s,
      'signature-input': _i,
      ...unsigned
    } = Object.fromEntries(Object.entries(valid.headers).map(([k, v]) => [k.toLowerCase(), v]))
    await refused('unsigned', valid.send({ headers: unsigned }), 401, 'ASCOLTO_ERR_UNSIGNED')
    const tampered = body.replace('accoglienza', 'alloggio')
    await refused('a changed body', valid.send({ body: tampered }), 401, 'ASCOLTO_ERR_BAD_SIGNATURE')
    const otherPath = await signedPost(regional, `${lines.national.own.baseUrl}/referralz`, body)
    await refused(
      'signed for another path',
      valid.send({ headers: otherPath.headers }),
      401,
      'ASCOLTO_ERR_BAD_SIGNATURE',
    )
    // a key that is not the partner's, claiming the partner's key id
    const { privateKey } = generateKeyPairSync('ed25519')
    const forged = await signedPost(regional, door, body, {
      key: { publicKey: lines.national.own.publicKey, privateKey },
    })
    const regionalKey = (await call(`${regional.url}/api/helplines/${lines.regional.helplineId}/partners`, {
      cookie: lines.regional.coordinator.cookie,
    }).then((a) => a.body)) as { own: { publicKey: string } }
    const forgedAsRegional = await signedPost(regional, door, body, {
      key: { publicKey: regionalKey.own.publicKey, privateKey },
    })
    await refused('an unknown key', forged.send(), 403, 'ASCOLTO_ERR_UNKNOWN_PARTNER')
    await refused('wrongly signed', forgedAsRegional.send(), 401, 'ASCOLTO_ERR_BAD_SIGNATURE')
    const stale = await signedPost(regional, door, body, { now: new Date(Date.now() - 10 * 60_000) })
    await refused('stale', stale.send(), 401, 'ASCOLTO_ERR_SIGNATURE_STALE')
    const ahead = await signedPost(regional, door, body, { now: new Date(Date.now() + 10 * 60_000) })
    await refused('from the future', ahead.send(), 401, 'ASCOLTO_ERR_SIGNATURE_STALE')
    // another helpline of the same installation does not know this partner
    const { helplineId: otherLine } = await makeHelpline(national.pool)
    const elsewhere = `${lines.national.own.baseUrl.replace(lines.national.helplineId, otherLine)}/referrals`
    await refused(
      'another helpline',
      (await signedPost(regional, elsewhere, body)).send(),
      403,
      'ASCOLTO_ERR_UNKNOWN_PARTNER',
    )

    // the valid request is taken once; the same request again is a replay
    const taken = await valid.send()
    assert.equal(taken.status, 201, JSON.stringify(taken.body))
    await refused('replayed', valid.send(), 409, 'ASCOLTO_ERR_REPLAYED')

    // a disabled partner is refused until enabled again
    const disabled = await call(`${national.url}/api/partners/${lines.national.partnerId}`, {
      method: 'PUT',
      cookie: lines.national.coordinator.cookie,
      body: {
        name: 'Linea regionale',
        baseUrl: lines.regional.own.baseUrl,
        publicKey: regionalKey.own.publicKey,
        enabled: false,
      },
    })
    assert.equal(disabled.status, 200)
    const again = JSON.stringify({ ...JSON.parse(body), id: randomUUID() })
    await refused(
      'a disabled partner',
      (await signedPost(regional, door, again)).send(),
      403,
      'ASCOLTO_ERR_PARTNER_DISABLED',
    )
  })
})

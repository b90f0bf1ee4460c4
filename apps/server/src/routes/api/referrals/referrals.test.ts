// Referrals over the API on a real database: nothing goes without consent; from one helpline to
// another every state in order, seen live by both sides, refused out of order or by the wrong side;
// a refusal with its reason; a partner without Ascolto handed over and moved on by hand; the wall
// (another helpline's referral: 404 on every route); erasure takes the packet, the facts stay.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, CreateReferralBody, ReferralChange, ReferralView } from '@ascolto/protocol'
import { dumpDatabase } from '../../../testing/database-dump.ts'
import { writeIn } from '../../../testing/desk-settings.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

type Operator = Awaited<ReturnType<typeof makeOperator>>

describe('referrals', () => {
  let server: TestServer
  let regional: { helplineId: string; channelId: string }
  let national: { helplineId: string; channelId: string }
  let sender: Operator
  let senderSupervisor: Operator
  let senderCoordinator: Operator
  let receiver: Operator
  let receiverSupervisor: Operator
  let stranger: Operator

  before(async () => {
    server = await startTestServer({})
    regional = await makeHelpline(server.pool)
    national = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    sender = await makeOperator(server, [{ helplineId: regional.helplineId, role: 'volunteer' }], 'Giulia')
    senderSupervisor = await makeOperator(
      server,
      [{ helplineId: regional.helplineId, role: 'supervisor' }],
      'Elena',
    )
    senderCoordinator = await makeOperator(
      server,
      [{ helplineId: regional.helplineId, role: 'coordinator' }],
      'Anna',
    )
    receiver = await makeOperator(server, [{ helplineId: national.helplineId, role: 'volunteer' }], 'Sara')
    receiverSupervisor = await makeOperator(
      server,
      [{ helplineId: national.helplineId, role: 'supervisor' }],
      'Chiara',
    )
    stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }], 'Altro')
  })
  after(() => server.close())

  const api = (path: string, cookie: string, body?: unknown, method?: string) =>
    call(`${server.url}/api${path}`, { cookie, body, method })

  /** A person writes in the regional line's web chat and the volunteer takes the conversation. */
  async function handled(text: string) {
    await writeIn(server, regional.channelId, visitorToken(), text)
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: sender.cookie })
    const id = queue.body.conversations.find((c: ConversationView) => c.preview === text).id as string
    await call(`${server.url}/api/conversations/${id}/take`, { cookie: sender.cookie, body: {} })
    return id
  }

  const consent = () => ({ givenAt: new Date().toISOString(), givenBy: 'person' as const })
  const toNational = (conversationId: string, reason: string): CreateReferralBody => ({
    conversationId,
    target: { kind: 'helpline', helplineId: national.helplineId },
    urgency: 'urgent',
    reason,
    languages: ['ro', 'it'],
    shared: 'Ha accettato che sappiano la città e la lingua',
    consent: consent(),
  })
  const count = async () => Number((await server.pool.query('select count(*) from referral')).rows[0].count)
  const setState = (id: string, operator: Operator, body: Record<string, unknown>) =>
    api(`/referrals/${id}/state`, operator.cookie, body)

  it('sends nothing without the consent of the person, and shows the packet first', async () => {
    const conversationId = await handled(`Mi hanno preso i documenti ${randomUUID()}`)
    const { consent: _, ...withoutConsent } = toNational(conversationId, 'Sfruttamento lavorativo')
    const before = await count()
    const preview = await api('/referrals/preview', sender.cookie, withoutConsent)
    assert.equal(preview.status, 200)
    assert.equal(preview.body.targetName.startsWith('Helpline'), true)
    assert.deepEqual(preview.body.packet, {
      reason: 'Sfruttamento lavorativo',
      languages: ['ro', 'it'],
      shared: 'Ha accettato che sappiano la città e la lingua',
      addresses: [],
    })
    assert.equal(preview.body.consent, null)
    const refused = await api('/referrals', sender.cookie, withoutConsent)
    assert.equal(refused.status, 400)
    assert.equal(refused.body.code, 'ASCOLTO_ERR_CONSENT_REQUIRED')
    const future = await api('/referrals', sender.cookie, {
      ...withoutConsent,
      consent: { givenAt: new Date(Date.now() + 86_400_000).toISOString(), givenBy: 'person' },
    })
    assert.equal(future.status, 400)
    assert.equal(await count(), before, 'nothing stored')
  })

  it('goes to another helpline of the installation and through every state, live on both sides', async () => {
    const conversationId = await handled(`Lavoro senza paga da mesi ${randomUUID()}`)
    const senderConsole = await connectConsole(server.url, sender.cookie)
    const receiverConsole = await connectConsole(server.url, receiver.cookie)
    try {
      const arrived = nextEvent<ReferralChange>(receiverConsole, 'referral.changed')
      const sent = await api(
        '/referrals',
        sender.cookie,
        toNational(conversationId, 'Sfruttamento lavorativo'),
      )
      assert.equal(sent.status, 201)
      const referral = sent.body as ReferralView
      assert.equal(referral.state, 'sent')
      assert.equal(referral.consent.recordedBy?.displayName, 'Giulia')
      assert.equal((await arrived).referralId, referral.id, "at once in the receiver's queue")

      const queue = await api(`/helplines/${national.helplineId}/referrals?direction=in`, receiver.cookie)
      const listed = queue.body.referrals.find((r: ReferralView) => r.id === referral.id)
      assert.equal(listed.direction, 'in')
      assert.equal(listed.conversationId, null, "the sender's conversation is the sender's")

      // the sender cannot decide for the receiver, and no state is skipped
      const notTheirs = await setState(referral.id, sender, { state: 'accepted' })
      assert.equal(notTheirs.status, 409)
      assert.equal(notTheirs.body.code, 'ASCOLTO_ERR_REFERRAL_STATE')
      assert.equal((await setState(referral.id, receiver, { state: 'closed' })).status, 409)
      assert.equal(
        (await setState(referral.id, receiver, { state: 'refused' })).status,
        400,
        'a refusal has a reason',
      )

      const seen = nextEvent<ReferralChange>(senderConsole, 'referral.changed', (c) => c.state === 'received')
      const read = await api(`/referrals/${referral.id}`, receiver.cookie)
      assert.equal(read.body.state, 'received', 'the first read on their side is its arrival')
      assert.equal(read.body.packet.reason, 'Sfruttamento lavorativo')
      await seen

      const decided = nextEvent<ReferralChange>(
        senderConsole,
        'referral.changed',
        (c) => c.state === 'accepted',
      )
      const accepted = await setState(referral.id, receiver, {
        state: 'accepted',
        caseTitle: 'Dalla linea regionale',
      })
      assert.equal(accepted.status, 200)
      await decided
      const caseId = accepted.body.toCaseId as string
      const opened = await api(`/cases/${caseId}`, receiver.cookie)
      assert.equal(opened.body.title, 'Dalla linea regionale')
      assert.match(opened.body.entries[0].text, /Sfruttamento lavorativo/)
      assert.equal(
        (await api(`/cases/${caseId}`, sender.cookie)).status,
        404,
        "the receiver's case is theirs",
      )

      assert.equal((await setState(referral.id, receiver, { state: 'in_charge' })).status, 200)
      assert.equal((await setState(referral.id, receiver, { state: 'closed' })).status, 200)
      assert.equal(
        (await setState(referral.id, receiver, { state: 'accepted' })).status,
        409,
        'closed is the end',
      )

      const seenBySender = await api(`/referrals/${referral.id}`, sender.cookie)
      assert.deepEqual(
        seenBySender.body.events.map((e: ReferralView['events'][number]) => [e.state, e.by?.displayName]),
        [
          ['sent', 'Giulia'],
          ['received', 'Sara'],
          ['accepted', 'Sara'],
          ['in_charge', 'Sara'],
          ['closed', 'Sara'],
        ],
      )
      assert.equal(seenBySender.body.toCaseId, null)
      assert.equal(seenBySender.body.conversationId, conversationId)

      const facts = await server.pool.query(
        `select helpline_id, direction, state, in_charge_seconds is not null as timed from referral_fact
          where referral_id = $1 order by direction`,
        [referral.id],
      )
      assert.deepEqual(facts.rows, [
        { helpline_id: national.helplineId, direction: 'in', state: 'closed', timed: true },
        { helpline_id: regional.helplineId, direction: 'out', state: 'closed', timed: true },
      ])
      const counted = await api(`/helplines/${national.helplineId}/statistics`, receiverSupervisor.cookie)
      const row = counted.body.referrals.find((r: { direction: string }) => r.direction === 'in')
      assert.equal(
        row.partner,
        (await server.pool.query('select name from helpline where id = $1', [regional.helplineId])).rows[0]
          .name,
      )
      // one referral: a count under the helpline's minimum cell, shown as small, never as 1
      assert.deepEqual(row.states, [{ state: 'closed', count: 'small' }])
      assert.equal(row.total, 'small')
      assert.equal(typeof row.inChargeMedianSeconds, 'number')
    } finally {
      senderConsole.close()
      receiverConsole.close()
    }
  })

  it('tells the sender a refusal with its reason', async () => {
    const conversationId = await handled(`Cerco un posto dove dormire ${randomUUID()}`)
    const sent = await api('/referrals', sender.cookie, toNational(conversationId, 'Alloggio'))
    const refused = await setState(sent.body.id, receiver, {
      state: 'refused',
      refusalReason: 'outside-area',
      refusalNote: 'Non copriamo la provincia',
    })
    assert.equal(refused.status, 200)
    const read = await api(`/referrals/${sent.body.id}`, sender.cookie)
    assert.equal(read.body.state, 'refused')
    assert.equal(read.body.refusalReason, 'outside-area')
    assert.equal(read.body.refusalNote, 'Non copriamo la provincia')
    assert.equal((await setState(sent.body.id, receiver, { state: 'accepted' })).status, 409)
  })

  it('goes to a partner without Ascolto from a case: handed over, its state set by hand', async () => {
    const conversationId = await handled(`Vorrei smettere di bere ${randomUUID()}`)
    const opened = await api('/cases', sender.cookie, { conversationId, title: 'Percorso' })
    const service = await api(`/helplines/${regional.helplineId}/directory`, senderCoordinator.cookie, {
      organisation: 'Comune di Milano',
      service: 'Servizio dipendenze',
      topics: ['dipendenze'],
      languages: ['it'],
      reach: '02 0000 0000',
      replyTexts: {},
    })
    assert.equal(service.status, 201)
    const sent = await api('/referrals', sender.cookie, {
      caseId: opened.body.id,
      target: { kind: 'directory', directoryServiceId: service.body.id },
      urgency: 'routine',
      reason: 'Un percorso per smettere',
      languages: ['it'],
      shared: 'Solo il motivo',
      consent: { givenAt: new Date().toISOString(), givenBy: 'representative' },
    })
    assert.equal(sent.status, 201)
    assert.equal(sent.body.partnerName, 'Comune di Milano — Servizio dipendenze')
    assert.equal(sent.body.partnerReach, '02 0000 0000')
    const handed = await api(`/referrals/${sent.body.id}/handovers`, sender.cookie, {
      method: 'email',
      recipient: 'accoglienza@servizio.example',
    })
    assert.deepEqual(
      handed.body.handovers.map((h: ReferralView['handovers'][number]) => [h.method, h.recipient]),
      [['email', 'accoglienza@servizio.example']],
    )
    for (const state of ['received', 'accepted', 'in_charge', 'closed']) {
      const moved = await setState(sent.body.id, sender, { state })
      assert.equal(moved.status, 200, state)
    }
    const list = await api(`/helplines/${regional.helplineId}/referrals?direction=out`, sender.cookie)
    assert.equal(list.body.referrals.find((r: ReferralView) => r.id === sent.body.id).state, 'closed')
  })

  it("keeps another helpline's referral behind the wall on every route", async () => {
    const conversationId = await handled(`Ho bisogno di aiuto ${randomUUID()}`)
    const sent = await api('/referrals', sender.cookie, toNational(conversationId, 'Aiuto'))
    const id = sent.body.id as string
    const answers = await Promise.all([
      api(`/referrals/${id}`, stranger.cookie),
      setState(id, stranger, { state: 'received' }),
      api(`/referrals/${id}/handovers`, stranger.cookie, { method: 'phone', recipient: 'x' }),
      api(`/helplines/${regional.helplineId}/referrals?direction=out`, stranger.cookie),
      api(`/helplines/${regional.helplineId}/referral-targets`, stranger.cookie),
      api('/referrals', stranger.cookie, toNational(conversationId, 'Aiuto')),
    ])
    assert.deepEqual(
      answers.map((a) => a.status),
      [404, 404, 404, 404, 404, 404],
    )
    assert.equal((await api(`/referrals/${id}`, receiver.cookie)).body.state, 'received', 'nothing changed')
  })

  it("erases the person's data from the referral, and keeps its anonymous facts", async () => {
    const conversationId = await handled(`Non posso uscire di casa ${randomUUID()}`)
    const withAddress = {
      ...toNational(conversationId, 'Una ragione molto personale'),
      includeAddress: { reason: 'Il servizio deve richiamarla' },
    }
    const volunteerAsks = await api('/referrals', sender.cookie, withAddress)
    assert.equal(volunteerAsks.status, 403, 'an address goes only under the reveal rules')
    const sent = await api('/referrals', senderSupervisor.cookie, withAddress)
    assert.equal(sent.status, 201)
    const reveals = await server.pool.query(
      `select 1 from audit_event where action = 'contact.address_revealed' and details->>'conversationId' = $1`,
      [conversationId],
    )
    assert.equal(reveals.rowCount, 1, 'the reveal is audited')
    await setState(sent.body.id, receiver, { state: 'accepted' })
    const packet = await server.pool.query<{ packet_sealed: Buffer }>(
      'select packet_sealed from referral_packet where referral_id = $1',
      [sent.body.id],
    )
    const erased = await api(`/conversations/${conversationId}/contact/erase`, senderCoordinator.cookie, {
      reason: 'Richiesta della persona',
    })
    assert.equal(erased.status, 200)
    const read = await api(`/referrals/${sent.body.id}`, receiver.cookie)
    assert.equal(read.body.packet, null)
    assert.equal(read.body.state, 'accepted', 'the referral and its state stay for both sides')
    const dump = (await dumpDatabase(server.pool, { except: ['audit_event'] })).text
    assert.ok(!dump.includes(packet.rows[0]?.packet_sealed.subarray(1, 29).toString('latin1') ?? '-'))
    const facts = await server.pool.query('select state from referral_fact where referral_id = $1', [
      sent.body.id,
    ])
    assert.equal(facts.rowCount, 2)
  })
})

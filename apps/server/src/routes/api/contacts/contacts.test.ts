// The person behind a conversation: their number revealed only to a supervisor, with a reason,
// audited without the number; their export and erasure by a coordinator, audited; none of it
// across the wall, and no query operator where an id is expected.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { KeyDestroyedError, purgeExpiredBlocks } from '@ascolto/core'
import type { AuditEventView, ContactExport } from '@ascolto/protocol'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  postWhatsAppWebhook,
  startFakeWhatsApp,
  whatsappPayload,
  whatsappText,
} from '../../../testing/fake-whatsapp.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

const PHONE = '393471234567'

describe('a contact’s address, export and erasure', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let helplineId: string
  let door: Awaited<ReturnType<typeof connectFakeWhatsApp>>
  let staff: Record<
    'volunteer' | 'supervisor' | 'coordinator' | 'outsider',
    Awaited<ReturnType<typeof makeOperator>>
  >

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    ;({ helplineId } = await makeHelpline(server.pool))
    door = await connectFakeWhatsApp(server, fake, { helplineId })
    const other = await makeHelpline(server.pool)
    staff = {
      volunteer: await makeOperator(server, [{ helplineId, role: 'volunteer' }]),
      supervisor: await makeOperator(server, [{ helplineId, role: 'supervisor' }]),
      coordinator: await makeOperator(server, [{ helplineId, role: 'coordinator' }]),
      outsider: await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }]),
    }
  })
  after(async () => {
    await fake.close()
    await server.close()
  })

  async function writeIn(phone: string, text: string) {
    const response = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone }, text)] }),
    )
    assert.equal(response.status, 200)
    const { rows } = await server.pool.query(
      `select c.id from conversation c join contact_identity ci on ci.contact_id = c.contact_id
        where ci.channel_id = $1 and ci.address_hash = $2 order by c.opened_at desc limit 1`,
      [door.channelId, server.services.keyring.hashAddress(helplineId, phone)],
    )
    return rows[0].id as string
  }
  const audit = async () =>
    (await call(`${server.url}/api/helplines/${helplineId}/audit`, { cookie: staff.coordinator.cookie })).body
      .events as AuditEventView[]

  it('reveals the number to a supervisor who gives a reason, and audits the reason, never the number', async () => {
    const conversationId = await writeIn(PHONE, 'ho paura di farmi del male stanotte')
    const url = `${server.url}/api/conversations/${conversationId}/contact/reveal`
    const reason = 'rischio imminente: richiamata concordata'
    assert.equal((await call(url, { cookie: staff.volunteer.cookie, body: { reason } })).status, 403)
    assert.equal(
      (await call(url, { cookie: staff.supervisor.cookie, body: {} })).status,
      400,
      'a reason is required',
    )
    assert.equal((await call(url, { cookie: staff.outsider.cookie, body: { reason } })).status, 404)
    const revealed = await call(url, { cookie: staff.supervisor.cookie, body: { reason } })
    assert.equal(revealed.status, 200)
    assert.deepEqual(revealed.body.addresses, [{ channelKind: 'whatsapp', address: PHONE }])
    assert.equal(revealed.headers.get('cache-control'), 'no-store')
    const event = (await audit()).find((e) => e.action === 'contact.address_revealed')
    assert.equal(event?.actor?.id, staff.supervisor.userId)
    assert.deepEqual(event?.details, { conversationId, reason })
    const all = await server.pool.query<{ row: string }>('select a::text as row from audit_event a')
    assert.ok(!all.rows.some((r) => r.row.includes(PHONE)), 'no number in the audit log')
  })

  it('exports everything about the person to a coordinator, as a JSON file, audited', async () => {
    const phone = '393330001122'
    const conversationId = await writeIn(phone, 'vorrei sapere cosa avete di me')
    await writeIn(phone, 'e anche questo messaggio')
    const url = `${server.url}/api/conversations/${conversationId}/contact/export`
    assert.equal((await call(url, { cookie: staff.supervisor.cookie })).status, 403)
    assert.equal((await call(url, { cookie: staff.outsider.cookie })).status, 404)
    // the addresses only under the rules of a reveal: with a reason
    const exported = await call(url, {
      cookie: staff.coordinator.cookie,
      body: { reason: 'richiesta di accesso' },
    })
    assert.equal(exported.status, 200)
    assert.match(
      exported.headers.get('content-disposition') ?? '',
      /^attachment; filename="persona-\d+\.json"$/,
    )
    const body = exported.body as ContactExport
    assert.deepEqual(
      body.addresses.map((a) => [a.channelKind, a.address]),
      [['whatsapp', phone]],
    )
    assert.deepEqual(
      body.conversations.flatMap((c) =>
        c.messages.filter((m) => m.direction === 'inbound').map((m) => m.text),
      ),
      ['vorrei sapere cosa avete di me', 'e anche questo messaggio'],
    )
    const event = (await audit()).find((e) => e.action === 'contact.exported')
    assert.equal(event?.actor?.id, staff.coordinator.userId)
    assert.equal(JSON.stringify(event).includes('vorrei'), false)
  })

  it('keeps a block through the person’s erasure as the keyed hash of the address and its end, and purges it once expired', async () => {
    const phone = '393470008888'
    const hash = server.services.keyring.hashAddress(helplineId, phone)
    const conversationId = await writeIn(phone, 'ti trovo, so dove abiti')
    const blocked = await call(`${server.url}/api/conversations/${conversationId}/block`, {
      cookie: staff.supervisor.cookie,
      body: { reason: 'minacce a una volontaria', days: 30, sendNotice: false },
    })
    assert.equal(blocked.status, 200)
    const erased = await call(`${server.url}/api/conversations/${conversationId}/contact/erase`, {
      cookie: staff.coordinator.cookie,
      body: { reason: 'richiesta dell’interessato' },
    })
    assert.equal(erased.status, 200)
    // what is kept: the door, the keyed hash, the end; no reason, no text, no person
    const kept = await server.pool.query('select * from erased_block where channel_id = $1', [door.channelId])
    assert.deepEqual(
      kept.rows.map((row) => Object.keys(row).sort()),
      [['address_hash', 'blocked_until', 'channel_id']],
    )
    assert.deepEqual(kept.rows[0].address_hash, hash)
    const days = (kept.rows[0].blocked_until.getTime() - Date.now()) / 86_400_000
    assert.ok(days > 29 && days <= 30, `the block's own end, ${days} days away`)

    // the same number writes again: a new person, blocked until the same day; nothing in the queue
    const again = await postWhatsAppWebhook(
      door.webhookUrl,
      door.appSecret,
      whatsappPayload({ messages: [whatsappText({ phone }, 'sono tornato')] }),
    )
    assert.equal(again.status, 200)
    const { rows: people } = await server.pool.query(
      `select c.id, c.blocked_until, (select count(*)::int from conversation v where v.contact_id = c.id) as conversations
         from contact c join contact_identity ci on ci.contact_id = c.id
        where ci.channel_id = $1 and ci.address_hash = $2`,
      [door.channelId, hash],
    )
    assert.equal(people.length, 1)
    assert.deepEqual(people[0].blocked_until, kept.rows[0].blocked_until)
    assert.equal(people[0].conversations, 0, 'the message was dropped, as any blocked person’s')
    const stillKept = await server.pool.query('select 1 from erased_block')
    assert.equal(stillKept.rowCount, 0, 'moved onto the person')

    // retention purges the blocks past their end, kept ones and the people's own
    await server.pool.query(
      `insert into erased_block (channel_id, address_hash, blocked_until) values ($1, $2, now() - interval '1 day'),
              ($1, $3, now() + interval '1 day')`,
      [door.channelId, Buffer.from('expired'), Buffer.from('running')],
    )
    await server.pool.query(`update contact set blocked_until = now() - interval '1 second' where id = $1`, [
      people[0].id,
    ])
    assert.equal(await purgeExpiredBlocks(server.pool), 2)
    const left = await server.pool.query<{ address_hash: Buffer }>('select address_hash from erased_block')
    assert.deepEqual(
      left.rows.map((row) => row.address_hash.toString()),
      ['running'],
    )
    const lapsed = await server.pool.query('select blocked_at, blocked_reason from contact where id = $1', [
      people[0].id,
    ])
    assert.deepEqual(lapsed.rows[0], { blocked_at: null, blocked_reason: null })
  })

  it('erases the person for real, audited with counts, and refuses while a legal hold is on', async () => {
    const phone = '393470009999'
    const conversationId = await writeIn(phone, 'cancellate tutto quello che ho scritto')
    const url = `${server.url}/api/conversations/${conversationId}/contact/erase`
    const reason = 'richiesta dell’interessato del 1/12'
    assert.equal((await call(url, { cookie: staff.supervisor.cookie, body: { reason } })).status, 403)
    assert.equal((await call(url, { cookie: staff.outsider.cookie, body: { reason } })).status, 404)
    const hold = await call(`${server.url}/api/conversations/${conversationId}/legal-hold`, {
      cookie: staff.supervisor.cookie,
      body: { on: true, reason: 'richiesta della procura' },
    })
    assert.equal(hold.status, 200)
    assert.equal((await call(url, { cookie: staff.coordinator.cookie, body: { reason } })).status, 409)
    await call(`${server.url}/api/conversations/${conversationId}/legal-hold`, {
      cookie: staff.supervisor.cookie,
      body: { on: false, reason: 'archiviata' },
    })
    const { rows } = await server.pool.query('select contact_id from conversation where id = $1', [
      conversationId,
    ])
    const contactId = rows[0].contact_id
    // every console of the helpline is told, to drop the conversation from its queue
    const socket = await connectConsole(server.url, staff.volunteer.cookie)
    const removed = nextEvent<{ conversationIds: string[] }>(socket, 'conversation.removed')
    const erased = await call(url, { cookie: staff.coordinator.cookie, body: { reason } })
    assert.equal(erased.status, 200)
    assert.deepEqual(erased.body, { conversations: 1, messages: 1 })
    assert.deepEqual(await removed, { conversationIds: [conversationId] })
    socket.close()
    for (const [table, column] of [
      ['contact', 'id'],
      ['contact_identity', 'contact_id'],
      ['conversation', 'contact_id'],
    ] as const) {
      const left = await server.pool.query(`select 1 from ${table} where ${column} = $1`, [contactId])
      assert.equal(left.rowCount, 0, table)
    }
    assert.equal(
      (await server.pool.query('select 1 from message where conversation_id = $1', [conversationId]))
        .rowCount,
      0,
    )
    assert.equal(
      (await call(`${server.url}/api/conversations/${conversationId}`, { cookie: staff.coordinator.cookie }))
        .status,
      404,
    )
    // the anonymous facts survive, with nothing that leads back to the person
    const facts = await server.pool.query<{ fact: string }>(
      'select f::text as fact from conversation_fact f where conversation_id = $1',
      [conversationId],
    )
    assert.equal(facts.rowCount, 1)
    assert.equal(facts.rows[0]?.fact.includes(contactId), false)
    const event = (await audit()).find((e) => e.action === 'contact.erased')
    assert.deepEqual(event?.details, { conversations: 1, messages: 1, reason })
    // the same person writing again is a new, unknown contact
    const again = await writeIn(phone, 'sono di nuovo io')
    assert.notEqual(again, conversationId)
  })

  it("destroys the person's key: what an older backup holds of them no longer opens, even with the master key", async () => {
    const erased = { phone: '393489990001', text: 'ho paura di tornare a casa stasera' }
    const kept = { phone: '393489990002', text: 'vorrei solo parlare un po’' }
    const conversationId = await writeIn(erased.phone, erased.text)
    await writeIn(kept.phone, kept.text)
    const supervisor = { cookie: staff.supervisor.cookie }
    await call(`${server.url}/api/conversations/${conversationId}/take`, { ...supervisor, body: {} })
    const note = await call(`${server.url}/api/conversations/${conversationId}/notes`, {
      ...supervisor,
      body: { text: 'parla di un padre violento' },
    })
    assert.equal(note.status, 201)
    const flag = await call(`${server.url}/api/conversations/${conversationId}/flags`, {
      ...supervisor,
      body: { kind: 'imminent_risk', reason: 'teme per stasera' },
    })
    assert.equal(flag.status, 201)

    // a backup as docs/deployment.md says: the data without the keystore, the keys apart
    const dataBackup = {
      messages: (
        await server.pool.query<{ id: string; contact_id: string; body_sealed: Buffer }>(
          `select m.id, c.contact_id, m.body_sealed from message m join conversation c on c.id = m.conversation_id
            where m.helpline_id = $1`,
          [helplineId],
        )
      ).rows,
      addresses: (
        await server.pool.query<{ contact_id: string; address_sealed: Buffer }>(
          'select contact_id, address_sealed from contact_identity where channel_id = $1',
          [door.channelId],
        )
      ).rows,
      flags: (
        await server.pool.query<{ id: string; contact_id: string; reason_sealed: Buffer }>(
          `select f.id, c.contact_id, f.reason_sealed from safeguarding_flag f
             join conversation c on c.id = f.conversation_id where f.helpline_id = $1`,
          [helplineId],
        )
      ).rows,
    }
    const keysNow = async () =>
      new Map(
        (
          await server.pool.query<{ contact_id: string; key_sealed: Buffer }>(
            'select contact_id, key_sealed from keystore.contact_key',
          )
        ).rows.map((row) => [row.contact_id, row.key_sealed]),
      )
    const keysBackup = await keysNow()
    const restore = (keys: Map<string, Buffer>) => {
      const { keyring } = server.services
      const sealerOf = (contactId: string) =>
        keyring.contact(helplineId, contactId, keys.get(contactId) ?? null)
      const readable = (open: () => string) => {
        try {
          return open()
        } catch (error) {
          assert.ok(error instanceof KeyDestroyedError)
          return null
        }
      }
      return [
        ...dataBackup.messages.map((m) =>
          readable(() => sealerOf(m.contact_id).open(m.body_sealed, `message:${m.id}`)),
        ),
        ...dataBackup.addresses.map((a) =>
          readable(() => sealerOf(a.contact_id).open(a.address_sealed, `address:${door.channelId}`)),
        ),
        ...dataBackup.flags.map((f) =>
          readable(() => sealerOf(f.contact_id).open(f.reason_sealed, `flag:${f.id}`)),
        ),
      ]
    }
    const everything = [
      erased.text,
      kept.text,
      'parla di un padre violento',
      erased.phone,
      kept.phone,
      'teme per stasera',
    ]
    for (const secret of everything) assert.ok(restore(keysBackup).includes(secret), secret)

    const url = `${server.url}/api/conversations/${conversationId}/contact/erase`
    const answer = await call(url, {
      cookie: staff.coordinator.cookie,
      body: { reason: 'richiesta del 1/12' },
    })
    assert.equal(answer.status, 200)

    // restored with the keys as they are now (the newest key backup): the erased person is gone
    // from every copy, the other person is whole
    const restored = restore(await keysNow())
    for (const secret of [erased.text, 'parla di un padre violento', erased.phone, 'teme per stasera']) {
      assert.equal(restored.includes(secret), false, secret)
    }
    assert.ok(restored.includes(kept.text) && restored.includes(kept.phone))
    // only a key backup older than the erasure brings them back: why key backups are kept briefly
    assert.ok(restore(keysBackup).includes(erased.text))
  })

  it('takes two people to reveal where the helpline asks: a request, another supervisor’s approval, one reveal', async () => {
    const phone = '393401112233'
    const conversationId = await writeIn(phone, 'richiamatemi domani mattina')
    const security = `${server.url}/api/helplines/${helplineId}/security`
    const switched = await call(security, {
      method: 'PUT',
      cookie: staff.coordinator.cookie,
      body: { volunteerSecondFactor: false, sessionIdleMinutes: 720, revealNeedsApproval: true },
    })
    assert.equal(switched.status, 200)
    try {
      const reveal = `${server.url}/api/conversations/${conversationId}/contact/reveal`
      const reason = 'richiamata concordata con la persona'
      // now not even a supervisor reveals without an approved request
      assert.equal((await call(reveal, { cookie: staff.supervisor.cookie, body: { reason } })).status, 403)
      const asked = await call(`${server.url}/api/conversations/${conversationId}/contact/reveal-requests`, {
        cookie: staff.volunteer.cookie,
        body: { reason },
      })
      assert.equal(asked.status, 201)
      assert.equal(
        (await call(reveal, { cookie: staff.volunteer.cookie, body: { reason } })).status,
        403,
        'not yet approved',
      )
      const pending = await call(`${server.url}/api/helplines/${helplineId}/reveal-requests`, {
        cookie: staff.supervisor.cookie,
      })
      assert.deepEqual(
        pending.body.requests.map((r: { id: string; reason: string }) => [r.id, r.reason]),
        [[asked.body.id, reason]],
      )
      assert.equal(
        (
          await call(`${server.url}/api/helplines/${helplineId}/reveal-requests`, {
            cookie: staff.volunteer.cookie,
          })
        ).status,
        403,
      )
      const approve = `${server.url}/api/reveal-requests/${asked.body.id}/approve`
      assert.equal((await call(approve, { cookie: staff.volunteer.cookie, body: {} })).status, 403)
      assert.equal((await call(approve, { cookie: staff.outsider.cookie, body: {} })).status, 404)
      assert.equal((await call(approve, { cookie: staff.supervisor.cookie, body: {} })).status, 204)
      assert.equal(
        (await call(approve, { cookie: staff.coordinator.cookie, body: {} })).status,
        409,
        'decided once',
      )

      const revealed = await call(reveal, { cookie: staff.volunteer.cookie, body: { reason } })
      assert.equal(revealed.status, 200)
      assert.deepEqual(revealed.body.addresses, [{ channelKind: 'whatsapp', address: phone }])
      assert.equal(
        (await call(reveal, { cookie: staff.volunteer.cookie, body: { reason } })).status,
        403,
        'once',
      )
      const events = (await audit()).filter(
        (e) => e.subjectId === asked.body.id || e.details.requestId === asked.body.id,
      )
      assert.deepEqual(events.map((e) => e.action).sort(), [
        'contact.address_revealed',
        'contact.reveal_approved',
        'contact.reveal_requested',
      ])
      const revealEvent = events.find((e) => e.action === 'contact.address_revealed')
      assert.equal(revealEvent?.details.approvedBy, staff.supervisor.userId)

      // nobody approves their own request
      const own = await call(`${server.url}/api/conversations/${conversationId}/contact/reveal-requests`, {
        cookie: staff.supervisor.cookie,
        body: { reason },
      })
      const self = await call(`${server.url}/api/reveal-requests/${own.body.id}/approve`, {
        cookie: staff.supervisor.cookie,
        body: {},
      })
      assert.equal(self.status, 403)
    } finally {
      await call(security, {
        method: 'PUT',
        cookie: staff.coordinator.cookie,
        body: { volunteerSecondFactor: false, sessionIdleMinutes: 720, revealNeedsApproval: false },
      })
    }
  })

  it('answers 400 to a query operator or an object where an id is expected', async () => {
    const cookie = staff.coordinator.cookie
    for (const [path, options] of [
      ['/api/conversations/%7B%22%24ne%22%3Anull%7D', {}],
      ['/api/conversations/[$ne]=1', {}],
      ['/api/conversations?helplineId[$ne]=x', {}],
      ['/api/conversations?helplineId=%7B%22%24gt%22%3A%22%22%7D', {}],
      [`/api/helplines/${helplineId}/audit?before[$gt]=0`, {}],
      [`/api/conversations/${randomUUID()}/contact/reveal`, { body: { reason: { $ne: null } } }],
      [`/api/helplines/${helplineId}/invitations`, { body: { email: { $regex: '.*' }, role: 'volunteer' } }],
      [
        `/api/helplines/${helplineId}/members/${randomUUID()}/role`,
        { method: 'PUT', body: { role: ['coordinator'] } },
      ],
      ['/api/session', { body: { email: { $ne: null }, password: { $ne: null } } }],
      [
        '/api/invitations/accept',
        { body: { token: { $ne: null }, displayName: 'x', password: 'x'.repeat(12) } },
      ],
    ] as const) {
      const response = await call(`${server.url}${path}`, { cookie, ...options })
      assert.equal(response.status, 400, path)
      assert.equal(response.body.code, 'ASCOLTO_ERR_VALIDATION', path)
    }
  })
})

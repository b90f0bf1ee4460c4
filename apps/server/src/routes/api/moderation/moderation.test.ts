import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings, sealEarlierReasons } from '@ascolto/core'
import type { BlockNotice, ConversationView, MessageView } from '@ascolto/protocol'
import { dumpDatabase } from '../../../testing/database-dump.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('moderation and blocking', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let colleague: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    const defaults = defaultSettings('Sportello', 'Europe/Rome', 'it')
    await importHelplineSettings(server.pool, line.helplineId, {
      ...defaults,
      // a person unblocked who writes again starts a new conversation (reopening has its own tests)
      desk: { ...defaults.desk, reopenHours: 0 },
      blocking: {
        keepMessagesOfBlocked: false,
        notice: { it: 'Questo numero è personale: chi vuole scriverci usi il proprio.' },
      },
    })
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    colleague = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
  })
  after(() => server.close())

  async function newConversation(token: string, text: string) {
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text },
    })
    const queue = await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })
    return queue.body.conversations.find((c: ConversationView) => c.preview === text) as ConversationView
  }
  /** The volunteer takes the conversation: it is theirs. */
  const take = async (id: string) =>
    assert.equal(
      (await call(`${server.url}/api/conversations/${id}/take`, { method: 'POST', cookie: volunteer.cookie }))
        .status,
      200,
    )
  const detail = async (cookie: string, id: string) =>
    (await call(`${server.url}/api/conversations/${id}`, { cookie })).body.messages as MessageView[]

  it('hides an offensive message: volunteers lose its text, supervisors see it with the reason, and it is audited', async () => {
    const conversation = await newConversation(visitorToken(), 'sei un incapace, vergognati')
    const [message] = await detail(volunteer.cookie, conversation.id)
    assert.ok(message)
    await take(conversation.id)
    // a colleague cannot silence a person in a conversation that is someone else's
    const byColleague = await call(`${server.url}/api/messages/${message.id}/hide`, {
      cookie: colleague.cookie,
      body: { reason: 'offensive' },
    })
    assert.equal(byColleague.status, 403)
    const hidden = await call(`${server.url}/api/messages/${message.id}/hide`, {
      cookie: volunteer.cookie,
      body: { reason: 'offensive' },
    })
    assert.equal(hidden.status, 200)
    assert.deepEqual(hidden.body.hidden, { reason: 'offensive' })
    assert.equal(hidden.body.text, '')
    assert.equal((await detail(volunteer.cookie, conversation.id))[0]?.text, '')
    const mine = await call(`${server.url}/api/conversations?status=open`, { cookie: volunteer.cookie })
    const inQueue = mine.body.conversations.find((c: ConversationView) => c.id === conversation.id)
    assert.equal(inQueue?.preview, '', 'the list does not show a hidden message either')
    const seenBySupervisor = (await detail(supervisor.cookie, conversation.id))[0]
    assert.equal(seenBySupervisor?.text, 'sei un incapace, vergognati')
    assert.deepEqual(seenBySupervisor?.hidden, { reason: 'offensive' })

    const audit = await server.pool.query(
      `select action, actor_id, details from audit_event where subject_id = $1`,
      [message.id],
    )
    assert.deepEqual(audit.rows, [
      { action: 'message.hide', actor_id: volunteer.userId, details: { reason: 'offensive' } },
    ])
    await assert.rejects(server.pool.query('delete from audit_event'), /append-only/)
    const badReason = await call(`${server.url}/api/messages/${message.id}/hide`, {
      cookie: volunteer.cookie,
      body: { reason: 'boring' },
    })
    assert.equal(badReason.status, 400)
  })

  it('blocks after a notice, keeps the person out of the queue, and only a supervisor lifts it', async () => {
    const token = visitorToken()
    const conversation = await newConversation(token, 'scrivo io per mia sorella')
    await take(conversation.id)
    const block = (cookie: string, days: number | null) =>
      call(`${server.url}/api/conversations/${conversation.id}/block`, {
        cookie,
        body: { reason: 'numero usato da più persone', days, sendNotice: true },
      })
    assert.equal((await block(colleague.cookie, 30)).status, 403, 'not the colleague’s conversation')
    assert.equal((await block(volunteer.cookie, null)).status, 403, 'no end: a supervisor’s decision')
    const refused = await server.pool.query(
      `select 1 from contact where blocked_at is not null and id = (select contact_id from conversation where id = $1)`,
      [conversation.id],
    )
    assert.equal(refused.rowCount, 0, 'nothing blocked by the refusals')
    // the volunteer whose conversation it is hears of the supervisor's block; a colleague does not
    const [theirs, colleagues] = await Promise.all([
      connectConsole(server.url, volunteer.cookie),
      connectConsole(server.url, colleague.cookie),
    ])
    const noticed = nextEvent<BlockNotice>(theirs, 'contact.blocked')
    const heardByColleague: unknown[] = []
    colleagues.on('contact.blocked', (notice: unknown) => heardByColleague.push(notice))
    // sent after any notice would be: the colleague's sign that it would have come by now
    const closedForColleague = nextEvent<ConversationView>(
      colleagues,
      'conversation.updated',
      (c) => c.id === conversation.id && c.status === 'closed',
    )
    const blocked = await block(supervisor.cookie, null)
    assert.equal(blocked.status, 200)
    assert.equal(blocked.body.status, 'closed')
    assert.deepEqual(await noticed, {
      conversationId: conversation.id,
      helplineId: line.helplineId,
      contactPseudonym: conversation.contactPseudonym,
      blockedBy: { id: supervisor.userId, displayName: 'Sara' },
      until: null,
    })
    await closedForColleague
    assert.deepEqual(heardByColleague, [])
    // the reason is sealed under the person's key: not in the row in clear
    const stored = await server.pool.query(
      `select blocked_reason, blocked_reason_sealed from contact where id = (select contact_id from conversation where id = $1)`,
      [conversation.id],
    )
    assert.equal(stored.rows[0].blocked_reason, null)
    assert.ok(!stored.rows[0].blocked_reason_sealed.toString('latin1').includes('più persone'))
    theirs.close()
    colleagues.close()
    const messages = await detail(volunteer.cookie, conversation.id)
    assert.equal(messages.at(-1)?.text, 'Questo numero è personale: chi vuole scriverci usi il proprio.')

    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'ancora io' },
    })
    const queue = await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })
    assert.ok(!queue.body.conversations.some((c: ConversationView) => c.preview === 'ancora io'))

    const byVolunteer = await call(`${server.url}/api/conversations/${conversation.id}/unblock`, {
      cookie: volunteer.cookie,
      body: {},
    })
    assert.equal(byVolunteer.status, 403)
    const bySupervisor = await call(`${server.url}/api/conversations/${conversation.id}/unblock`, {
      cookie: supervisor.cookie,
      body: {},
    })
    assert.equal(bySupervisor.status, 204)
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'sono tornata' },
    })
    const after = await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })
    assert.ok(after.body.conversations.some((c: ConversationView) => c.preview === 'sono tornata'))
    const actions = await server.pool.query(
      `select action from audit_event where action like 'contact.%' order by id`,
    )
    assert.deepEqual(
      actions.rows.map((r) => r.action),
      ['contact.block', 'contact.unblock'],
    )
  })

  it('lets a block for a number of days expire by itself', async () => {
    const token = visitorToken()
    const conversation = await newConversation(token, 'messaggio prima del blocco a tempo')
    await take(conversation.id)
    await call(`${server.url}/api/conversations/${conversation.id}/block`, {
      cookie: volunteer.cookie,
      body: { reason: 'spam ripetuto', days: 7, sendNotice: false },
    })
    // eight days later
    await server.pool.query(
      `update contact set blocked_at = blocked_at - interval '8 days', blocked_until = blocked_until - interval '8 days'
        where id = (select contact_id from conversation where id = $1)`,
      [conversation.id],
    )
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'dopo la scadenza' },
    })
    const queue = await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })
    assert.ok(queue.body.conversations.some((c: ConversationView) => c.preview === 'dopo la scadenza'))
  })

  it('seals at start-up a block reason written in clear before it was sealed', async () => {
    const conversation = await newConversation(visitorToken(), 'prima della cifratura dei motivi')
    const { rows } = await server.pool.query<{ id: string; helpline_id: string }>(
      `update contact set blocked_at = now(), blocked_reason = 'minacce a un volontario'
        where id = (select contact_id from conversation where id = $1) returning id, helpline_id`,
      [conversation.id],
    )
    const contact = rows[0]
    assert.ok(contact)
    assert.ok((await sealEarlierReasons(server.pool, server.services.keyring)) >= 1)
    const { rows: after } = await server.pool.query<{
      blocked_reason: string | null
      blocked_reason_sealed: Buffer
      key_sealed: Buffer | null
    }>(
      `select c.blocked_reason, c.blocked_reason_sealed, k.key_sealed from contact c
         left join keystore.contact_key k on k.contact_id = c.id where c.id = $1`,
      [contact.id],
    )
    assert.equal(after[0]?.blocked_reason, null)
    const sealer = server.services.keyring.contact(
      contact.helpline_id,
      contact.id,
      after[0]?.key_sealed ?? null,
    )
    assert.equal(
      sealer.open(after[0]?.blocked_reason_sealed as Buffer, `block-reason:${contact.id}`),
      'minacce a un volontario',
    )
    assert.equal(await sealEarlierReasons(server.pool, server.services.keyring), 0, 'nothing left to do')
  })
  it('seals at start-up the reasons of reveal requests and contact links written in clear before', async () => {
    const one = await newConversation(visitorToken(), 'prima dei motivi sigillati, uno')
    const other = await newConversation(visitorToken(), 'prima dei motivi sigillati, due')
    const asked = 'la persona ha chiesto di essere richiamata'
    const linked = 'dice di essere la stessa persona'
    const request = await server.pool.query<{ id: string }>(
      `insert into reveal_request (helpline_id, conversation_id, requested_by, reason) values ($1, $2, $3, $4)
       returning id`,
      [line.helplineId, one.id, volunteer.userId, asked],
    )
    const contacts = await server.pool.query<{ contact_id: string }>(
      'select contact_id from conversation where id = any($1::uuid[]) order by contact_id',
      [[one.id, other.id]],
    )
    const [a, b] = contacts.rows.map((r) => r.contact_id)
    const link = await server.pool.query<{ id: string }>(
      `insert into contact_link (helpline_id, contact_a, contact_b, reason, linked_by) values ($1, $2, $3, $4, $5)
       returning id`,
      [line.helplineId, a, b, linked, supervisor.userId],
    )
    assert.ok((await sealEarlierReasons(server.pool, server.services.keyring)) >= 2)
    const dump = await dumpDatabase(server.pool, { except: ['audit_event'] })
    assert.equal(dump.text.includes(asked), false, "the request's reason in clear")
    assert.equal(dump.text.includes(linked), false, "the link's reason in clear")
    // the supervisor still reads the request's reason, opened under the person's key
    const pending = await call(`${server.url}/api/helplines/${line.helplineId}/reveal-requests`, {
      cookie: supervisor.cookie,
    })
    assert.equal(
      pending.body.requests.find((r: { id: string }) => r.id === request.rows[0]?.id)?.reason,
      asked,
    )
    // and the link's opens under the first person's key
    const sealed = await server.pool.query<{ reason_sealed: Buffer; key_sealed: Buffer | null }>(
      `select l.reason_sealed, k.key_sealed from contact_link l
         left join keystore.contact_key k on k.contact_id = l.contact_a where l.id = $1`,
      [link.rows[0]?.id],
    )
    const row = sealed.rows[0]
    assert.ok(row && a)
    assert.equal(
      server.services.keyring
        .contact(line.helplineId, a, row.key_sealed)
        .open(row.reason_sealed, `contact-link-reason:${link.rows[0]?.id}`),
      linked,
    )
    assert.equal(await sealEarlierReasons(server.pool, server.services.keyring), 0, 'nothing left to do')
  })
})

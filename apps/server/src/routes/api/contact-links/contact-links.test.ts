// People on several doors, for real: the same person on Telegram and SMS is two contacts until a
// supervisor links them, with a reason; every member then sees the other door's conversation (as
// a pseudonym); the link is audited and undone the same way. Volunteers cannot link; another
// helpline's conversation cannot be linked to (the wall).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  connectFakeTelegram,
  type FakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../../../testing/fake-telegram.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

describe('contact links: people on several doors', () => {
  let server: TestServer
  let telegram: FakeTelegram
  before(async () => {
    server = await startTestServer()
    telegram = await startFakeTelegram()
  })
  after(async () => {
    await telegram.close()
    await server.close()
  })

  async function conversationsOf(helplineId: string, cookie: string) {
    const queue = await call(`${server.url}/api/conversations?status=waiting&helplineId=${helplineId}`, {
      cookie,
    })
    return queue.body.conversations as Array<{ id: string; channelKind: string; contactPseudonym: number }>
  }

  it('links two doors of one person, shows them to every member, audits and undoes the link', async () => {
    const { helplineId, channelId: webchat } = await makeHelpline(server.pool)
    const door = await connectFakeTelegram(server, telegram, { helplineId })
    await postTelegramWebhook(door.webhookUrl, door.secret, telegramUpdate(424242, { text: 'Ciao, sono io' }))
    // the same person, on the web chat
    const widget = await call(`${server.url}/api/widget/v1/channels/${webchat}/messages`, {
      token: 'v'.repeat(43),
      body: { clientId: '0b8e7a52-6a1f-4c1e-9a55-2f3b2d1c0e9f', text: 'Sono quella di Telegram' },
    })
    assert.equal(widget.status, 201)
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    const supervisor = await makeOperator(server, [{ helplineId, role: 'supervisor' }])
    const conversations = await conversationsOf(helplineId, volunteer.cookie)
    const onTelegram = conversations.find((c) => c.channelKind === 'telegram')
    const onWebchat = conversations.find((c) => c.channelKind === 'webchat')
    assert.ok(onTelegram && onWebchat)

    const link = (cookie: string, body: unknown) =>
      call(`${server.url}/api/conversations/${onTelegram.id}/links`, { cookie, body })
    const body = { otherConversationId: onWebchat.id, reason: 'Dice di essere la stessa persona' }
    assert.equal((await link(volunteer.cookie, body)).status, 403)
    const linked = await link(supervisor.cookie, body)
    assert.equal(linked.status, 200)
    assert.deepEqual(
      linked.body.links.map((l: { pseudonym: number; channelKind: string; conversationId: string }) => [
        l.pseudonym,
        l.channelKind,
        l.conversationId,
      ]),
      [[onWebchat.contactPseudonym, 'webchat', onWebchat.id]],
    )
    assert.equal((await link(supervisor.cookie, body)).status, 409)
    // both sides see it, every member does
    const fromWebchat = await call(`${server.url}/api/conversations/${onWebchat.id}/links`, {
      cookie: volunteer.cookie,
    })
    assert.deepEqual(
      fromWebchat.body.links.map((l: { channelKind: string }) => l.channelKind),
      ['telegram'],
    )
    assert.doesNotMatch(JSON.stringify(fromWebchat.body), /424242/)

    const linkId = linked.body.links[0].id
    const undo = (cookie: string) =>
      call(`${server.url}/api/contact-links/${linkId}/unlink`, { cookie, body: { reason: 'Non era lei' } })
    assert.equal((await undo(volunteer.cookie)).status, 403)
    assert.equal((await undo(supervisor.cookie)).status, 204)
    assert.equal((await undo(supervisor.cookie)).status, 404)
    const after = await call(`${server.url}/api/conversations/${onTelegram.id}/links`, {
      cookie: volunteer.cookie,
    })
    assert.deepEqual(after.body.links, [])
    const audit = await server.pool.query(
      `select action from audit_event where helpline_id = $1 and subject_id = $2 order by at`,
      [helplineId, linkId],
    )
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['contact.linked', 'contact.unlinked'],
    )
    // linked again after the undo: a new link
    assert.equal((await link(supervisor.cookie, body)).status, 200)
  })

  it("another helpline's conversation cannot be linked to", async () => {
    const mine = await makeHelpline(server.pool)
    const theirs = await makeHelpline(server.pool)
    const token = (c: string) => c.repeat(43)
    for (const [channelId, t] of [
      [mine.channelId, token('a')],
      [theirs.channelId, token('b')],
    ] as const) {
      await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
        token: t,
        body: { clientId: crypto.randomUUID(), text: 'Ciao' },
      })
    }
    const both = await makeOperator(server, [
      { helplineId: mine.helplineId, role: 'supervisor' },
      { helplineId: theirs.helplineId, role: 'supervisor' },
    ])
    const [a] = await conversationsOf(mine.helplineId, both.cookie)
    const [b] = await conversationsOf(theirs.helplineId, both.cookie)
    assert.ok(a && b)
    const crossed = await call(`${server.url}/api/conversations/${a.id}/links`, {
      cookie: both.cookie,
      body: { otherConversationId: b.id, reason: 'x' },
    })
    assert.equal(crossed.status, 404)
  })
})

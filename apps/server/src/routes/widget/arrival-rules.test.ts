// The helpline's rules on a real server: a message at 22:00 to the evening listening line.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { defaultSettings, importHelplineSettings } from '@ascolto/core'
import type { HelplineSettings, MessageView } from '@ascolto/protocol'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../testing/test-server.ts'

const listeningLine = (name: string): HelplineSettings => ({
  ...defaultSettings(name, 'Europe/Rome', 'it'),
  languages: ['it', 'en'],
  opening: {
    weekly: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
        day,
        [{ start: '18:00', end: '21:00' }],
      ]),
    ),
    exceptions: [],
    closures: [],
    closedOnPublicHolidays: true,
  },
  policy: { url: 'https://ascolto.example.org/privacy', version: '2026-03' },
  autoReplies: {
    welcome: { it: 'Benvenuto. Scrivendoci accetti la nostra informativa: {policyUrl}' },
    outOfHours: { it: 'Ora siamo chiusi: ti risponderemo {nextOpening}.' },
    holiday: { it: 'Oggi è festa e siamo chiusi: ti risponderemo {nextOpening}.' },
  },
  blocking: { keepMessagesOfBlocked: false },
  moderation: { autoFlag: true, words: ['offerta speciale'] },
})

describe('the helpline rules on arrival', () => {
  let server: TestServer
  // Monday 23 November 2026, 22:00 in Rome (UTC+1)
  let now = new Date('2026-11-23T21:00:00Z')

  before(async () => {
    server = await startTestServer({}, { clock: () => now })
  })
  after(() => server.close())

  const writeIn = (channelId: string, token: string, text: string) =>
    call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text },
    })
  const messagesOf = async (cookie: string, conversationId: string): Promise<MessageView[]> =>
    (await call(`${server.url}/api/conversations/${conversationId}`, { cookie })).body.messages

  it('welcomes, says when it reopens, sets the due time, and does not repeat itself', async () => {
    const line = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, line.helplineId, listeningLine('Linea serale'))
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const token = visitorToken()

    now = new Date('2026-11-23T21:00:00Z')
    await writeIn(line.channelId, token, 'Non riesco a dormire')
    const [conversation] = (await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })).body
      .conversations
    // the end of the next open day's hours: Tuesday 21:00 in Rome
    assert.equal(conversation.dueAt, '2026-11-24T20:00:00.000Z')

    const first = await messagesOf(volunteer.cookie, conversation.id)
    assert.deepEqual(
      first.map((m) => [m.direction, m.kind, m.text]),
      [
        ['inbound', 'text', 'Non riesco a dormire'],
        [
          'outbound',
          'auto_reply',
          'Benvenuto. Scrivendoci accetti la nostra informativa: https://ascolto.example.org/privacy',
        ],
        ['outbound', 'auto_reply', 'Ora siamo chiusi: ti risponderemo domani dalle 18:00.'],
      ],
    )
    const contact = await server.pool.query(
      'select policy_version, policy_sent_at from contact c join conversation v on v.contact_id = c.id where v.id = $1',
      [conversation.id],
    )
    assert.equal(contact.rows[0].policy_version, '2026-03')
    assert.equal(contact.rows[0].policy_sent_at.toISOString(), '2026-11-23T21:00:00.000Z')

    // a second message the same night: no reply storm
    now = new Date('2026-11-23T22:30:00Z')
    await writeIn(line.channelId, token, 'Ci sei?')
    const second = await messagesOf(volunteer.cookie, conversation.id)
    assert.equal(second.filter((m) => m.kind === 'auto_reply').length, 2)
    assert.equal(second.length, 4)

    // the automatic replies reach the person through the outbox, like any reply
    const deadline = Date.now() + 5000
    let transcript: Array<{ direction: string }> = []
    while (Date.now() < deadline) {
      transcript = (await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, { token }))
        .body.messages
      const statuses = (await messagesOf(volunteer.cookie, conversation.id)).filter(
        (m) => m.direction === 'outbound',
      )
      if (statuses.every((m) => m.status === 'sent')) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(transcript.filter((m) => m.direction === 'outbound').length, 2)
  })

  it('tells a person at imminent risk writing while closed where to find help now, once; not while open', async () => {
    const line = await makeHelpline(server.pool)
    const settings = listeningLine('Linea serale')
    await importHelplineSettings(server.pool, line.helplineId, {
      ...settings,
      autoReplies: {
        ...settings.autoReplies,
        welcome: undefined,
        urgent: { it: 'Se sei in pericolo adesso chiama il 112. Noi ci siamo {nextOpening}.' },
      },
    })
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const autoReplies = async (conversationId: string) =>
      (await messagesOf(volunteer.cookie, conversationId))
        .filter((m) => m.kind === 'auto_reply')
        .map((m) => m.text)
    const conversationOf = async (preview: string) =>
      (await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })).body.conversations.find(
        (c: { preview: string }) => c.preview === preview,
      ).id as string

    // Monday 22:00 in Rome: closed
    now = new Date('2026-11-23T21:00:00Z')
    const token = visitorToken()
    await writeIn(line.channelId, token, 'Non ce la faccio più')
    await writeIn(line.channelId, token, 'stanotte voglio farla finita')
    await writeIn(line.channelId, token, 'ho le pastiglie pronte e voglio farla finita')
    const night = await conversationOf('ho le pastiglie pronte e voglio farla finita')
    assert.deepEqual(await autoReplies(night), [
      'Ora siamo chiusi: ti risponderemo domani dalle 18:00.',
      'Se sei in pericolo adesso chiama il 112. Noi ci siamo domani dalle 18:00.',
    ])

    // Saturday 19:00: open, the line reads it first
    now = new Date('2026-11-28T18:00:00Z')
    await writeIn(line.channelId, visitorToken(), 'sono sul ponte e voglio buttarmi')
    assert.deepEqual(await autoReplies(await conversationOf('sono sul ponte e voglio buttarmi')), [])
  })

  it('answers on a public holiday with the holiday reply, and orders the queue by due time', async () => {
    const line = await makeHelpline(server.pool)
    const settings = listeningLine('Linea serale')
    await importHelplineSettings(server.pool, line.helplineId, {
      ...settings,
      autoReplies: { ...settings.autoReplies, welcome: undefined },
    })
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])

    // Christmas Day 2026, 19:00: the line would be open, but it is closed on holidays
    now = new Date('2026-12-25T18:00:00Z')
    await writeIn(line.channelId, visitorToken(), 'Buon Natale, ma io sto male')
    // Saturday 28 November, 19:00: open; due at 21:00 the same evening, well before the other
    now = new Date('2026-11-28T18:00:00Z')
    await writeIn(line.channelId, visitorToken(), 'Sono qui in orario')

    const queue = (await call(`${server.url}/api/conversations`, { cookie: volunteer.cookie })).body
      .conversations
    assert.deepEqual(
      queue.map((c: { preview: string; dueAt: string }) => [c.preview, c.dueAt]),
      [
        ['Sono qui in orario', '2026-11-28T20:00:00.000Z'],
        // Santo Stefano (26 December) is a holiday too: due on the 27th at 21:00
        ['Buon Natale, ma io sto male', '2026-12-27T20:00:00.000Z'],
      ],
    )
    const christmas = await messagesOf(volunteer.cookie, queue[1].id)
    assert.deepEqual(
      christmas.filter((m) => m.kind === 'auto_reply').map((m) => m.text),
      ['Oggi è festa e siamo chiusi: ti risponderemo domenica dalle 18:00.'],
    )
  })

  it('keeps a blocked person out of the queue: dropped by default, kept hidden when the helpline must', async () => {
    const line = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, line.helplineId, listeningLine('Linea serale'))
    const token = visitorToken()
    now = new Date('2026-11-28T18:00:00Z')
    await writeIn(line.channelId, token, 'primo messaggio')
    // as blocking does: the contact is blocked and their conversation closed
    await server.pool.query(
      `update contact set blocked_at = now(), blocked_reason = 'threatening' where helpline_id = $1`,
      [line.helplineId],
    )
    await server.pool.query(
      `update conversation set status = 'closed', closed_at = now() where helpline_id = $1`,
      [line.helplineId],
    )
    const count = async () =>
      Number(
        (await server.pool.query('select count(*) from message where helpline_id = $1', [line.helplineId]))
          .rows[0].count,
      )
    const before = await count()
    const dropped = await writeIn(line.channelId, token, 'messaggio da bloccato')
    assert.equal(dropped.status, 201, 'the person is not told')
    assert.equal(await count(), before)

    await importHelplineSettings(server.pool, line.helplineId, {
      ...listeningLine('Linea serale'),
      blocking: { keepMessagesOfBlocked: true },
    })
    await writeIn(line.channelId, token, 'minaccia da conservare')
    const kept = await server.pool.query(
      `select m.hidden_reason, c.status from message m join conversation c on c.id = m.conversation_id
        where m.helpline_id = $1 and m.hidden_at is not null`,
      [line.helplineId],
    )
    assert.deepEqual(kept.rows, [{ hidden_reason: 'blocked', status: 'closed' }])
  })

  it('flags a message that matches the helpline’s words, without hiding it', async () => {
    const line = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, line.helplineId, listeningLine('Linea serale'))
    await writeIn(line.channelId, visitorToken(), 'Solo oggi: OFFERTA SPECIALE!')
    const { rows } = await server.pool.query(
      `select flagged, hidden_at from message where helpline_id = $1 and direction = 'inbound'`,
      [line.helplineId],
    )
    assert.deepEqual(rows, [{ flagged: true, hidden_at: null }])
  })
})

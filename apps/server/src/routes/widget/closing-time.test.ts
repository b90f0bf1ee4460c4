// The trial's defect, on a real server: a person in a conversation was told "the line is closed"
// when closing time came. Closing-time replies go only to a person nobody of the line is with;
// another person who waits alone, in the same minutes, still gets them (so these tests can fail).
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

// open every day 15:00–18:00 in Rome; a summer closure in August
const afternoonDesk = (
  overrides: Partial<HelplineSettings['autoReplies']> = {},
  desk: HelplineSettings['desk'] = {},
): HelplineSettings => ({
  ...defaultSettings('Sportello pomeridiano', 'Europe/Rome', 'it'),
  languages: ['it', 'en'],
  opening: {
    weekly: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
        day,
        [{ start: '15:00', end: '18:00' }],
      ]),
    ),
    exceptions: [],
    closures: [{ from: '2026-08-01', to: '2026-08-31', reason: 'Pausa estiva' }],
    closedOnPublicHolidays: true,
  },
  autoReplies: {
    outOfHours: { it: 'Ora la linea è chiusa: ti risponderemo {nextOpening}.' },
    holiday: { it: 'Oggi è festa: ti risponderemo {nextOpening}.' },
    closure: { it: 'Siamo in pausa: ti risponderemo {nextOpening}.' },
    ...overrides,
  },
  desk,
  blocking: { keepMessagesOfBlocked: false },
  moderation: { autoFlag: false, words: [] },
})

describe('closing time in the middle of a conversation', () => {
  let server: TestServer
  let now = new Date()
  // Monday 23 November 2026 in Rome (UTC+1)
  const rome = (time: string) => new Date(`2026-11-23T${time}:00+01:00`)

  before(async () => {
    server = await startTestServer({}, { clock: () => now })
  })
  after(() => server.close())

  const writeIn = (channelId: string, token: string, text: string) =>
    call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text },
    })
  const transcriptOf = async (channelId: string, token: string) =>
    (await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, { token })).body
  const messagesOf = async (cookie: string, conversationId: string): Promise<MessageView[]> =>
    (await call(`${server.url}/api/conversations/${conversationId}`, { cookie })).body.messages
  const autoRepliesOf = async (cookie: string, conversationId: string) =>
    (await messagesOf(cookie, conversationId)).filter((m) => m.kind === 'auto_reply').map((m) => m.text)
  const conversationOf = async (cookie: string, preview: string): Promise<string> => {
    const { conversations } = (await call(`${server.url}/api/conversations`, { cookie })).body
    const found = conversations.find((c: { preview: string }) => c.preview === preview)
    assert.ok(found, `a conversation whose last message is "${preview}"`)
    return found.id
  }

  it('says nothing about closing to a person a volunteer took at 17:55, and still tells one who waits alone', async () => {
    const line = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, line.helplineId, afternoonDesk())
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const inCrisis = visitorToken()
    const alone = visitorToken()

    now = rome('17:50')
    await writeIn(line.channelId, inCrisis, 'voglio farla finita')
    await writeIn(line.channelId, alone, 'ciao, avrei una domanda')
    const crisis = await conversationOf(volunteer.cookie, 'voglio farla finita')
    assert.equal((await transcriptOf(line.channelId, inCrisis)).attended, false)

    now = rome('17:55')
    assert.equal(
      (
        await call(`${server.url}/api/conversations/${crisis}/take`, {
          cookie: volunteer.cookie,
          method: 'POST',
        })
      ).status,
      200,
    )
    await call(`${server.url}/api/conversations/${crisis}/messages`, {
      cookie: volunteer.cookie,
      body: { text: 'Intendi che pensi di toglierti la vita?' },
    })
    assert.equal(
      (await transcriptOf(line.channelId, inCrisis)).attended,
      true,
      'the widget says a person is there',
    )

    now = rome('18:05')
    await writeIn(line.channelId, inCrisis, 'sì, ho già pensato a come')
    await writeIn(line.channelId, alone, 'c’è qualcuno?')

    assert.deepEqual(await autoRepliesOf(volunteer.cookie, crisis), [])
    const waiting = await conversationOf(volunteer.cookie, 'c’è qualcuno?')
    assert.deepEqual(await autoRepliesOf(volunteer.cookie, waiting), [
      'Ora la linea è chiusa: ti risponderemo domani dalle 15:00.',
    ])
    assert.equal((await transcriptOf(line.channelId, alone)).attended, false)
    // the conversation goes on past closing time, with its volunteer
    const after = await messagesOf(volunteer.cookie, crisis)
    assert.deepEqual(
      after.map((m) => [m.direction, m.text]),
      [
        ['inbound', 'voglio farla finita'],
        ['outbound', 'Intendi che pensi di toglierti la vita?'],
        ['inbound', 'sì, ho già pensato a come'],
      ],
    )
  })

  it('stays quiet for the helpline’s "still alive" minutes after a reply from the line, then says it is closed', async () => {
    const line = await makeHelpline(server.pool)
    // each message after a close opens a new conversation here (no reopening), whose replies are the question
    await importHelplineSettings(
      server.pool,
      line.helplineId,
      afternoonDesk({}, { stillAliveMinutes: 30, reopenHours: 0 }),
    )
    const volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    const early = visitorToken()
    const late = visitorToken()

    now = rome('17:40')
    await writeIn(line.channelId, early, 'prima persona')
    await writeIn(line.channelId, late, 'seconda persona')
    for (const [preview, answer] of [
      ['prima persona', 'Ti ascolto'],
      ['seconda persona', 'Eccomi'],
    ] as const) {
      const id = await conversationOf(volunteer.cookie, preview)
      now = rome('17:58')
      await call(`${server.url}/api/conversations/${id}/take`, { cookie: volunteer.cookie, method: 'POST' })
      await call(`${server.url}/api/conversations/${id}/messages`, {
        cookie: volunteer.cookie,
        body: { text: answer },
      })
      // messages are stamped by the database's clock; the test's clock says 17:58
      await server.pool.query(
        `update message set created_at = $2 where conversation_id = $1 and direction = 'outbound'`,
        [id, now],
      )
      now = rome('17:59')
      const closed = await call(`${server.url}/api/conversations/${id}/close`, {
        cookie: volunteer.cookie,
        body: {},
      })
      assert.equal(closed.status, 200)
    }

    // 22 minutes after the line's reply: a "grazie" is not met by "we are closed"
    now = rome('18:20')
    await writeIn(line.channelId, early, 'grazie ancora')
    assert.deepEqual(
      await autoRepliesOf(volunteer.cookie, await conversationOf(volunteer.cookie, 'grazie ancora')),
      [],
    )
    // 42 minutes after: the person is told when the line reopens
    now = rome('18:40')
    await writeIn(line.channelId, late, 'ci siete ancora?')
    assert.deepEqual(
      await autoRepliesOf(volunteer.cookie, await conversationOf(volunteer.cookie, 'ci siete ancora?')),
      ['Ora la linea è chiusa: ti risponderemo domani dalle 15:00.'],
    )
  })

  it('answers a closure with its own words, and with the plain closed reply where it has none', async () => {
    const withWords = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, withWords.helplineId, afternoonDesk())
    const withoutWords = await makeHelpline(server.pool)
    await importHelplineSettings(server.pool, withoutWords.helplineId, afternoonDesk({ closure: undefined }))
    const volunteer = await makeOperator(server, [
      { helplineId: withWords.helplineId, role: 'volunteer' },
      { helplineId: withoutWords.helplineId, role: 'volunteer' },
    ])

    // Wednesday 12 August 2026, 16:00: within the hours, inside the summer closure
    now = new Date('2026-08-12T16:00:00+02:00')
    await writeIn(withWords.channelId, visitorToken(), 'in agosto ci siete?')
    await writeIn(withoutWords.channelId, visitorToken(), 'e voi in agosto?')
    assert.deepEqual(
      await autoRepliesOf(volunteer.cookie, await conversationOf(volunteer.cookie, 'in agosto ci siete?')),
      ['Siamo in pausa: ti risponderemo martedì 1 settembre dalle 15:00.'],
    )
    assert.deepEqual(
      await autoRepliesOf(volunteer.cookie, await conversationOf(volunteer.cookie, 'e voi in agosto?')),
      ['Ora la linea è chiusa: ti risponderemo martedì 1 settembre dalle 15:00.'],
    )
  })
})

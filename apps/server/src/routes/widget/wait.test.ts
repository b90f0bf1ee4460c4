// The wait a person sees, on a real database over the real widget socket: the place and the
// expected wait from the volunteers who can answer and their handling times, pushed as the queue
// moves; no minutes when nobody can answer (nor from volunteers off the rota); a helpline can turn
// it off; on a messaging door, the helpline's one message about the wait, once.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { describeWaits } from '@ascolto/core'
import type { WidgetWait } from '@ascolto/protocol'
import type { Socket } from 'socket.io-client'
import { eventually } from '../../testing/eventually.ts'
import {
  connectFakeTelegram,
  type FakeTelegram,
  postTelegramWebhook,
  startFakeTelegram,
  telegramUpdate,
} from '../../testing/fake-telegram.ts'
import { connectWidget } from '../../testing/sockets.ts'
import { call, startTestServer, type TestServer } from '../../testing/test-server.ts'
import {
  bothBusy,
  lineWithHistory,
  shiftAround,
  takeAndAnswer,
  visitorWrites,
} from '../../testing/wait-fixtures.ts'

// the test's clock stands still: every figure below is known
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000)

describe('the wait a person sees', () => {
  let server: TestServer
  let fake: FakeTelegram
  const sockets: Socket[] = []
  before(async () => {
    server = await startTestServer({}, { clock: () => NOW })
    fake = await startFakeTelegram()
  })
  after(async () => {
    for (const socket of sockets) socket.disconnect()
    await fake?.close()
    await server?.close()
  })

  /** The visitor's socket, and the last wait it heard (undefined: none yet). */
  async function listen(channelId: string, token: string) {
    const socket = await connectWidget(server.url, channelId, token)
    sockets.push(socket)
    const heard: { last?: WidgetWait | null } = {}
    socket.on('wait', (wait: WidgetWait | null) => {
      heard.last = wait
    })
    return heard
  }
  const hears = (heard: { last?: WidgetWait | null }, expected: WidgetWait | null) =>
    eventually(`the visitor hears ${JSON.stringify(expected)}`, () => {
      try {
        assert.deepEqual(heard.last, expected)
        return true
      } catch {
        return false
      }
    })

  const line = () => lineWithHistory(server, NOW)
  /** The coordinator saves the helpline's settings with this `wait`, as the console does. */
  async function saveWait(helplineId: string, cookie: string, wait: object) {
    const url = `${server.url}/api/helplines/${helplineId}/settings`
    const settings = await call(url, { cookie })
    const saved = await call(url, { method: 'PUT', cookie, body: { ...settings.body, wait } })
    assert.equal(saved.status, 200, JSON.stringify(saved.body))
  }
  const away = (cookie: string, availability = 'away') =>
    call(`${server.url}/api/availability`, { method: 'PUT', cookie, body: { availability } })

  it('gives each waiting person a place and a wait that follow the queue', async () => {
    const busy = await line()
    const { helplineId, channelId, carla, anna, marco } = busy
    const { second, third } = await bothBusy(server, busy, NOW)
    const fifth = await visitorWrites(server, channelId)

    // Marco is free in about 4 minutes, Anna in 10, Marco again in 14
    const thirdHears = await listen(channelId, third.token)
    const fifthHears = await listen(channelId, fifth.token)
    await hears(thirdHears, { place: 1, minutes: 4, answerBy: null })
    await hears(fifthHears, { place: 3, minutes: 15, answerBy: null })

    // Marco closes his and takes the next: the fifth person moves up, the third stops waiting
    const closed = await call(`${server.url}/api/conversations/${second.conversationId}/close`, {
      cookie: marco.cookie,
      body: {},
    })
    assert.equal(closed.status, 200)
    await takeAndAnswer(server, marco.cookie, third.conversationId, { at: NOW })
    await hears(fifthHears, { place: 2, minutes: 10, answerBy: null })
    await hears(thirdHears, null)

    // both step away: no minutes, only the helpline's due time (when it has one)
    assert.equal((await away(anna.cookie)).status, 200)
    assert.equal((await away(marco.cookie)).status, 200)
    const { rows } = await server.pool.query<{ due_at: Date | null }>(
      'select due_at from conversation where id = $1',
      [fifth.conversationId],
    )
    const due = rows[0]?.due_at
    await hears(fifthHears, {
      place: 2,
      minutes: null,
      answerBy: due && due > NOW ? due.toISOString() : null,
    })

    // a helpline that does not show the wait shows nothing
    await saveWait(helplineId, carla.cookie, { show: false })
    assert.deepEqual(await describeWaits(server.pool, { helplineId, at: NOW, of: { webchat: true } }), [])
  })

  it('counts only the volunteers on shift where the helpline keeps a rota', async () => {
    const { helplineId, channelId, carla, marco } = await line()
    await shiftAround(server, helplineId, carla.cookie, NOW, [marco.userId])
    const first = await visitorWrites(server, channelId)
    const second = await visitorWrites(server, channelId)
    // Anna is available but not on shift: Marco alone takes them, one after the other
    const secondHears = await listen(channelId, second.token)
    await hears(secondHears, { place: 2, minutes: 10, answerBy: null })
    const firstHears = await listen(channelId, first.token)
    await hears(firstHears, { place: 1, minutes: 1, answerBy: null })
    // Marco steps away: nobody on shift can answer, so no minutes, though Anna is available
    assert.equal((await away(marco.cookie)).status, 200)
    await eventually(
      'no minutes',
      () => firstHears.last?.minutes === null && secondHears.last?.minutes === null,
    )
  })

  it('counts the people of every door in the queue, and reads each wait alone', async () => {
    const { helplineId, channelId } = await line()
    const door = await connectFakeTelegram(server, fake, { helplineId })
    const chat = 210_000_000 + Math.floor(Math.random() * 1000)
    const written = await postTelegramWebhook(
      door.webhookUrl,
      door.secret,
      telegramUpdate(chat, { text: 'Ciao' }),
    )
    assert.equal(written.status, 200)
    const visitor = await visitorWrites(server, channelId)
    const { rows } = await server.pool.query<{ id: string }>(
      `select id from conversation where channel_id = $1 and status = 'waiting'`,
      [door.channelId],
    )
    const onTelegram = rows[0]?.id as string
    // the web chat's visitor came second: the person on Telegram is ahead of them
    const places = (waits: { conversationId: string; place: number }[]) =>
      waits.map(({ conversationId, place }) => ({ conversationId, place }))
    assert.deepEqual(
      places(await describeWaits(server.pool, { helplineId, at: NOW, of: { webchat: true } })),
      [{ conversationId: visitor.conversationId, place: 2 }],
    )
    assert.deepEqual(
      places(await describeWaits(server.pool, { helplineId, at: NOW, of: { conversationId: onTelegram } })),
      [{ conversationId: onTelegram, place: 1 }],
    )
  })

  it('tells a person on a messaging door once where they stand, in the helpline’s words', async () => {
    const { helplineId, carla } = await line()
    const door = await connectFakeTelegram(server, fake, { helplineId })
    // a wait message in the helpline's words; nothing else automatic
    await saveWait(helplineId, carla.cookie, {
      message: { it: 'Sei la {place} persona in attesa: {wait}.', en: 'You are {place} in line: {wait}.' },
    })
    const chat = 200_000_000 + Math.floor(Math.random() * 1000)
    for (const text of ['Ciao, avrei bisogno di parlare', 'Sono ancora qui']) {
      const written = await postTelegramWebhook(door.webhookUrl, door.secret, telegramUpdate(chat, { text }))
      assert.equal(written.status, 200)
    }
    // Anna is free and takes ten minutes: the first in line, in about a minute
    await eventually('the message about the wait reached Telegram', () =>
      fake.sent.some((m) => m.chatId === String(chat)),
    )
    const told = fake.sent.filter((m) => m.chatId === String(chat)).map((m) => m.text)
    assert.deepEqual(told, ['Sei la 1ª persona in attesa: circa 1 minuto.'])
    // once: the second message added no other
    const { rows } = await server.pool.query<{ n: number }>(
      `select count(*)::int as n from message where channel_id = $1 and kind = 'auto_reply'`,
      [door.channelId],
    )
    assert.equal(rows[0]?.n, 1)
  })
})

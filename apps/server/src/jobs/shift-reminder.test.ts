// The e-mail reminder before a shift, through the helpline's mailbox (a local SMTP server at the
// network edge): none unless the operator asked for one; sent once per occurrence, as long before
// as they chose; a swap gives the next person their own; a bad choice is refused.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { queueShiftReminders } from '@ascolto/core'
import { eventually } from '../testing/eventually.ts'
import { type LocalSmtp, startLocalSmtp } from '../testing/local-mail.ts'
import { connectLocalMailbox, rome } from '../testing/rota-fixtures.ts'
import { call, makeHelpline, makeOperator, startTestServer, type TestServer } from '../testing/test-server.ts'

describe('the reminder before a shift', () => {
  let smtp: LocalSmtp
  let server: TestServer
  before(async () => {
    smtp = await startLocalSmtp()
    server = await startTestServer()
  })
  after(async () => {
    await server?.close()
    await smtp?.close()
  })

  it('mails an operator who asked, once, as long before as they chose', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const carla = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla')
    const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const marco = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Marco')
    const luca = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Luca')
    await connectLocalMailbox(server, helplineId, smtp)
    const shift = await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: carla.cookie,
      body: {
        startsOn: '2026-03-07',
        start: '19:00',
        end: '21:00',
        weekdays: ['SA'],
        needs: { volunteer: 2 },
      },
    })
    assert.equal(shift.status, 201)
    const places: Record<string, string> = {}
    for (const [who, date] of [
      [anna, '2026-03-07'],
      [marco, '2026-03-07'],
      [anna, '2026-03-14'],
    ] as const) {
      const placed = await call(`${server.url}/api/shifts/${shift.body.id}/assignments`, {
        cookie: who.cookie,
        body: { date, role: 'volunteer' },
      })
      assert.equal(placed.status, 201, JSON.stringify(placed.body))
      places[`${who.email}:${date}`] = placed.body.id
    }

    // off by default; Anna asks for an hour before, Luca for a day; a bad choice changes nothing
    const reminder = `${server.url}/api/rota/reminder`
    assert.deepEqual((await call(reminder, { cookie: anna.cookie })).body, { minutes: null })
    for (const minutes of [5, 3000, 'un\u2019ora']) {
      const refused = await call(reminder, { method: 'PUT', cookie: anna.cookie, body: { minutes } })
      assert.equal(refused.status, 400)
      assert.equal(refused.body.code, 'ASCOLTO_ERR_VALIDATION')
    }
    assert.deepEqual((await call(reminder, { cookie: anna.cookie })).body, { minutes: null })
    for (const [who, minutes] of [
      [anna, 60],
      [luca, 1440],
    ] as const) {
      const saved = await call(reminder, { method: 'PUT', cookie: who.cookie, body: { minutes } })
      assert.deepEqual(saved.body, { minutes })
    }
    assert.deepEqual((await call(reminder, { cookie: anna.cookie })).body, { minutes: 60 })

    assert.equal(await queueShiftReminders(server.pool, rome('2026-03-07 17:59')), 0, 'not before the hour')
    assert.equal(await queueShiftReminders(server.pool, rome('2026-03-07 18:00')), 1, 'Anna, not Marco')
    assert.equal(await queueShiftReminders(server.pool, rome('2026-03-07 18:05')), 0, 'once')
    await eventually('the reminder is mailed', () => smtp.received.length === 1)
    assert.deepEqual(smtp.received[0]?.to, [anna.email])
    assert.equal(
      smtp.received[0]?.mail.text?.trim(),
      `Ascolto · Helpline ${(await helplineSlug(helplineId)) ?? ''}: il tuo turno inizia sabato 7 marzo alle 19:00 (fino alle 21:00).`,
    )

    // Anna offers the next Saturday to Luca, who accepts: his reminder, a day before, not hers
    const offered = await call(
      `${server.url}/api/shift-assignments/${places[`${anna.email}:2026-03-14`]}/swap`,
      {
        cookie: anna.cookie,
        body: { toUserId: luca.userId },
      },
    )
    assert.equal(offered.status, 204, JSON.stringify(offered.body))
    const accepted = await call(
      `${server.url}/api/shift-assignments/${places[`${anna.email}:2026-03-14`]}/swap/accept`,
      { cookie: luca.cookie, body: {} },
    )
    assert.equal(accepted.status, 204, JSON.stringify(accepted.body))
    assert.equal(await queueShiftReminders(server.pool, rome('2026-03-13 19:00')), 1)
    await eventually('the second reminder is mailed', () => smtp.received.length === 2)
    assert.deepEqual(smtp.received[1]?.to, [luca.email])
    assert.match(smtp.received[1]?.mail.text ?? '', /sabato 14 marzo alle 19:00/)
    assert.equal(await queueShiftReminders(server.pool, rome('2026-03-14 18:30')), 0, 'Anna no longer on it')
  })

  async function helplineSlug(helplineId: string) {
    const { rows } = await server.pool.query<{ slug: string }>('select slug from helpline where id = $1', [
      helplineId,
    ])
    return rows[0]?.slug
  }
})

// The coordinators' daily digest of the rota's gaps, through the helpline's mailbox (a local SMTP
// server at the network edge): queued once a day after 07:00 in the helpline's zone, one mail per
// coordinator naming each gap of the next seven days; volunteers get none.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { queueRotaDigests } from '@ascolto/core'
import { type LocalSmtp, startLocalSmtp } from '../testing/local-mail.ts'
import { connectLocalMailbox, rome, setOpening } from '../testing/rota-fixtures.ts'
import { call, makeHelpline, makeOperator, startTestServer, type TestServer } from '../testing/test-server.ts'

describe("the rota's daily digest", () => {
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

  it('mails each coordinator the next week’s gaps once a day, in the morning', async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const carla = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Carla')
    await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const evening = [{ start: '19:00', end: '21:00' }]
    await setOpening(server, helplineId, carla.cookie, { tue: evening, sat: evening })
    await call(`${server.url}/api/helplines/${helplineId}/shifts`, {
      cookie: carla.cookie,
      body: {
        startsOn: '2026-03-07',
        start: '19:00',
        end: '21:00',
        weekdays: ['SA'],
        needs: { volunteer: 2, supervisor: 1 },
      },
    })
    // no mailbox yet: nothing to send it through
    assert.equal(await queueRotaDigests(server.pool, rome('2026-03-02 08:00')), 0)
    await connectLocalMailbox(server, helplineId, smtp)

    assert.equal(await queueRotaDigests(server.pool, rome('2026-03-03 06:59')), 0, 'not before 07:00')
    assert.equal(await queueRotaDigests(server.pool, rome('2026-03-03 07:00')), 1)
    assert.equal(await queueRotaDigests(server.pool, rome('2026-03-03 15:00')), 0, 'once a day')
    const deadline = Date.now() + 15_000
    while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
    assert.deepEqual(
      smtp.received.map((m) => m.to),
      [[carla.email]],
    )
    const text = smtp.received[0]?.mail.text ?? ''
    // from Wednesday 4 to Tuesday 10 March
    assert.match(text, /sabato 7 19–21: volontariato, mancano 2 persone/)
    assert.match(text, /nessuna supervisione sabato 7 19–21/)
    assert.match(text, /martedì 10 19–21: nessuno in turno/)
    assert.doesNotMatch(text, /martedì 3/)
  })
})

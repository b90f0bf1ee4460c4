// The languages of the team through the API on a real database: an operator writes their own
// languages; automatic assignment gives a Romanian conversation to the volunteer who speaks
// Romanian even when busier, and an Italian one to the least busy; a supervisor sees what the
// available members cover now (a basic level does not count), a volunteer may not, and another
// helpline's answer "not found".
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setDeskSettings } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

const ROMANIAN = 'Bună ziua, lucrez fără acte și nu mă lasă să plec. Vă rog, ajutați-mă.'
const ITALIAN = 'Buonasera, vorrei parlare con qualcuno, stasera mi sento molto solo.'

describe('the languages of the team', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer()
  })
  after(() => server.close())

  const speak = (cookie: string, languages: Array<{ language: string; level: string }>) =>
    call(`${server.url}/api/account/languages`, { method: 'PUT', cookie, body: { languages } })

  async function writeIn(channelId: string, text: string) {
    const sent = await call(`${server.url}/api/widget/v1/channels/${channelId}/messages`, {
      token: visitorToken(),
      body: { clientId: randomUUID(), text },
    })
    assert.equal(sent.status, 201)
    const { rows } = await server.pool.query<{ assignee_id: string | null; language: string | null }>(
      `select c.assignee_id, c.language from conversation c join message m on m.conversation_id = c.id
        where m.direction = 'inbound' and c.helpline_id = (select helpline_id from channel where id = $1)
        order by m.seq desc limit 1`,
      [channelId],
    )
    return rows[0]
  }

  it("are each operator's own to write, checked", async () => {
    const { helplineId } = await makeHelpline(server.pool)
    const ioana = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Ioana')
    const anna = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Anna')
    const saved = await speak(ioana.cookie, [
      { language: 'it', level: 'fluent' },
      { language: 'ro', level: 'native' },
    ])
    assert.equal(saved.status, 200)
    assert.deepEqual(saved.body, {
      languages: [
        { language: 'ro', level: 'native' },
        { language: 'it', level: 'fluent' },
      ],
    })
    assert.deepEqual((await call(`${server.url}/api/account/languages`, { cookie: anna.cookie })).body, {
      languages: [],
    })
    for (const wrong of [
      [{ language: 'romanian', level: 'native' }],
      [{ language: 'ro', level: 'perfect' }],
      [{ language: "ro'; drop table operator_language; --", level: 'native' }],
    ]) {
      assert.equal((await speak(ioana.cookie, wrong)).status, 400, JSON.stringify(wrong))
    }
    assert.equal(
      (await call(`${server.url}/api/account/languages`, { cookie: ioana.cookie })).body.languages.length,
      2,
    )
  })

  it('send a conversation to the volunteer who speaks its language, and show what is covered now', async () => {
    const line = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    await setDeskSettings(server, line.helplineId, coordinator.cookie, { assignment: 'automatic' })
    const ioana = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Ioana')
    const anna = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Anna')
    const sara = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    assert.equal((await speak(ioana.cookie, [{ language: 'ro', level: 'fluent' }])).status, 200)
    assert.equal((await speak(anna.cookie, [{ language: 'ro', level: 'basic' }])).status, 200)

    // with Anna away, the first Italian conversation is Ioana's: she is now the busier
    const availability = (cookie: string, state: string) =>
      call(`${server.url}/api/availability`, { method: 'PUT', cookie, body: { availability: state } })
    await availability(anna.cookie, 'away')
    assert.equal((await writeIn(line.channelId, ITALIAN))?.assignee_id, ioana.userId)
    await availability(anna.cookie, 'available')

    const romanian = await writeIn(line.channelId, ROMANIAN)
    assert.equal(romanian?.language, 'ro')
    assert.equal(romanian?.assignee_id, ioana.userId, 'the Romanian speaker, though busier')
    // Anna's basic Romanian does not count: the next Italian one is the least busy's
    assert.equal((await writeIn(line.channelId, ITALIAN))?.assignee_id, anna.userId)

    const covered = await call(`${server.url}/api/helplines/${line.helplineId}/languages`, {
      cookie: sara.cookie,
    })
    assert.deepEqual(covered.body, { now: [{ language: 'ro', operators: 1 }] })
    const byVolunteer = await call(`${server.url}/api/helplines/${line.helplineId}/languages`, {
      cookie: ioana.cookie,
    })
    assert.equal(byVolunteer.status, 403)
    const other = await makeHelpline(server.pool)
    const outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    const walled = await call(`${server.url}/api/helplines/${line.helplineId}/languages`, {
      cookie: outsider.cookie,
    })
    assert.equal(walled.status, 404)
  })
})

// The directory of services through the API on a real database: a coordinator adds services, a
// volunteer searches them by words, topic, area and language (a search's % and _ are plain
// characters); a CSV export imports back to the same directory; a refused import names every
// problem by line and column and changes nothing; a year-old check is stale; volunteers cannot
// write, and another helpline's services answer "not found".
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DirectoryServiceBody } from '@ascolto/protocol'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

const NOW = new Date('2026-12-05T12:00:00Z')

const NATIONAL: DirectoryServiceBody = {
  organisation: 'Dipartimento per le Pari Opportunità',
  service: 'Numero Verde Antitratta 800 290 290',
  region: 'Italia',
  topics: ['tratta', 'sfruttamento lavorativo'],
  languages: ['it', 'en', 'fr', 'ro'],
  openingHours: '24 ore su 24, tutti i giorni',
  reach: '800 290 290 (gratuito e anonimo)',
  replyTexts: {
    it: 'Numero Verde Antitratta: 800 290 290, gratuito, anonimo, 24 ore su 24.',
    ro: 'Numărul verde anti-trafic: 800 290 290, gratuit, anonim, 24 de ore din 24.',
  },
  lastChecked: '2026-11-20',
}
const CANTEEN: DirectoryServiceBody = {
  organisation: 'Pop Wok',
  service: 'Mensa "sicura" 100% accogliente',
  region: 'Toscana',
  province: 'Firenze',
  municipality: 'Firenze',
  topics: ['pasti', 'bassa soglia'],
  languages: ['it', 'en'],
  reach: 'Firenze (indirizzo da verificare)',
  replyTexts: {},
  lastChecked: '2025-10-01',
}

describe('the directory of services', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer({}, { clock: () => NOW })
  })
  after(async () => server.close())

  async function lineWithDirectory() {
    const { helplineId } = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Coordinatrice')
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }], 'Volontaria')
    for (const body of [NATIONAL, CANTEEN]) {
      const added = await call(`${server.url}/api/helplines/${helplineId}/directory`, {
        cookie: coordinator.cookie,
        body,
      })
      assert.equal(added.status, 201, JSON.stringify(added.body))
    }
    return { helplineId, coordinator, volunteer }
  }
  const search = async (helplineId: string, cookie: string, query = '') => {
    const answer = await call(`${server.url}/api/helplines/${helplineId}/directory${query}`, { cookie })
    assert.equal(answer.status, 200, JSON.stringify(answer.body))
    return answer.body as {
      services: Array<{ service: string; stale: boolean; id: string }>
      topics: string[]
    }
  }
  const names = (list: { services: Array<{ service: string }> }) => list.services.map((s) => s.service)

  it('is searched by words, topic, area and language; a year-old check is stale', async () => {
    const { helplineId, volunteer } = await lineWithDirectory()
    const all = await search(helplineId, volunteer.cookie)
    assert.deepEqual(names(all), [NATIONAL.service, CANTEEN.service])
    assert.deepEqual(
      all.services.map((s) => s.stale),
      [false, true],
    )
    assert.deepEqual(all.topics, ['bassa soglia', 'pasti', 'sfruttamento lavorativo', 'tratta'])
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, '?q=GRATUITO')), [NATIONAL.service])
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, '?topic=Pasti')), [CANTEEN.service])
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, '?area=firenze')), [CANTEEN.service])
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, '?language=ro')), [NATIONAL.service])
    // a search's metacharacters are characters: "100%" finds the canteen, "%" alone nothing else
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, '?q=100%25')), [CANTEEN.service])
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, "?q=%25'%3B--")), [])
    assert.deepEqual(names(await search(helplineId, volunteer.cookie, '?q=_')), [])
    const refused = await call(`${server.url}/api/helplines/${helplineId}/directory?language=ROMANIAN`, {
      cookie: volunteer.cookie,
    })
    assert.equal(refused.status, 400)
  })

  it('is written by coordinators only, and walled per helpline', async () => {
    const { helplineId, volunteer, coordinator } = await lineWithDirectory()
    const [service] = (await search(helplineId, volunteer.cookie)).services
    assert.ok(service)
    const added = await call(`${server.url}/api/helplines/${helplineId}/directory`, {
      cookie: volunteer.cookie,
      body: CANTEEN,
    })
    assert.equal(added.status, 403)
    const edited = await call(`${server.url}/api/directory/${service.id}`, {
      method: 'PUT',
      cookie: volunteer.cookie,
      body: NATIONAL,
    })
    assert.equal(edited.status, 403)

    const other = await lineWithDirectory()
    for (const [method, url, body] of [
      ['GET', `/api/helplines/${helplineId}/directory`, undefined],
      ['GET', `/api/helplines/${helplineId}/directory.csv`, undefined],
      ['PUT', `/api/helplines/${helplineId}/directory.csv`, { csv: 'organisation,service,reach\na,b,c\n' }],
      ['POST', `/api/helplines/${helplineId}/directory`, CANTEEN],
      ['PUT', `/api/directory/${service.id}`, NATIONAL],
      ['DELETE', `/api/directory/${service.id}`, undefined],
    ] as const) {
      const answer = await call(`${server.url}${url}`, { method, cookie: other.coordinator.cookie, body })
      assert.equal(answer.status, 404, `${method} ${url}`)
    }
    assert.equal((await search(helplineId, coordinator.cookie)).services.length, 2)

    const deleted = await call(`${server.url}/api/directory/${service.id}`, {
      method: 'DELETE',
      cookie: coordinator.cookie,
    })
    assert.equal(deleted.status, 204)
    assert.equal((await search(helplineId, coordinator.cookie)).services.length, 1)
  })

  it('exports a CSV that imports back to the same directory', async () => {
    const { helplineId, coordinator } = await lineWithDirectory()
    const before = await search(helplineId, coordinator.cookie)
    const exported = await fetch(`${server.url}/api/helplines/${helplineId}/directory.csv`, {
      headers: { cookie: coordinator.cookie },
    })
    assert.equal(exported.status, 200)
    assert.match(exported.headers.get('content-type') ?? '', /^text\/csv/)
    const csv = await exported.text()
    assert.match(csv.split('\n')[0] ?? '', /^organisation,service,.*,reply_it,reply_ro$/)

    const imported = await call(`${server.url}/api/helplines/${helplineId}/directory.csv`, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { csv },
    })
    assert.deepEqual(imported.body, { imported: 2 })
    const after = await search(helplineId, coordinator.cookie)
    const strip = (list: typeof before) => list.services.map(({ id: _id, ...rest }) => rest)
    assert.deepEqual(strip(after), strip(before))
  })

  it('refuses an import with every problem named by line and column, and changes nothing', async () => {
    const { helplineId, coordinator } = await lineWithDirectory()
    const csv = [
      'organisation,service,reach,languages,last_checked,reply_it',
      'ASL Milano,SerD,"Via Conca del Naviglio 45, Milano",it; en,2026-10-01,Servizio dipendenze',
      ',SerD senza ente,02 000000,it,,',
      'Comune,Servizio,02 111111,italiano,ieri,',
    ].join('\n')
    const refused = await call(`${server.url}/api/helplines/${helplineId}/directory.csv`, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { csv },
    })
    assert.equal(refused.status, 400)
    const problems = (refused.body as { fileProblems: Array<{ line: number; column: string }> }).fileProblems
    assert.deepEqual(
      problems.map((p) => `${p.line}:${p.column}`),
      ['3:organisation', '4:languages', '4:last_checked'],
    )
    const unknown = await call(`${server.url}/api/helplines/${helplineId}/directory.csv`, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { csv: 'organisation,service,phone\n"unclosed,b,c\n' },
    })
    assert.equal(unknown.status, 400)
    assert.ok((unknown.body as { fileProblems: unknown[] }).fileProblems.length > 0)
    assert.deepEqual(names(await search(helplineId, coordinator.cookie)), [NATIONAL.service, CANTEEN.service])
  })
})

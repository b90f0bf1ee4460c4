// What-if over the API: a coordinator previews a settings file not saved yet; the saved settings
// do not change, a draft that could not be saved is refused with its problems, and only the
// helpline's coordinators may ask.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '@ascolto/config'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../app.ts'
import { makeHelpline, makeOperator, startTestServer, type TestServer } from '../../../testing/test-server.ts'

describe('the preview of unsaved settings (what-if)', () => {
  let server: TestServer
  let app: FastifyInstance
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let outsider: Awaited<ReturnType<typeof makeOperator>>
  let desk: Record<string, unknown> & { opening: { weekly: Record<string, unknown[]> } }

  before(async () => {
    server = await startTestServer()
    const config = loadConfig({ ASCOLTO_SECOND_FACTOR: 'optional', LOG_LEVEL: 'silent' })
    app = await buildApp({ pool: server.pool, services: server.services, config }, server.log)
    await app.ready()
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
    outsider = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
    const file = path.resolve(
      import.meta.dirname,
      '../../../../../../docs/settings/social-services-desk.json',
    )
    const { $schema: _schema, ...settings } = JSON.parse(await readFile(file, 'utf8'))
    desk = settings
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/helplines/${line.helplineId}/settings`,
      headers: { cookie: coordinator.cookie },
      payload: desk,
    })
    assert.equal(saved.statusCode, 200)
  })
  after(async () => {
    await app?.close()
    await server?.close()
  })

  const preview = async (cookie: string, body: object, helplineId = line.helplineId) => {
    const url = `/api/helplines/${helplineId}/preview`
    return app.inject({ method: 'POST', url, headers: { cookie }, payload: body })
  }
  const saved = async () =>
    (
      await app.inject({
        url: `/api/helplines/${line.helplineId}/settings`,
        headers: { cookie: coordinator.cookie },
      })
    ).json()

  it('shows what the unsaved hours would do, and saves nothing', async () => {
    // saved: closed on Friday at 20:00; the draft opens Friday evening until 22:00
    const draft = structuredClone(desk)
    draft.opening.weekly.fri = [{ start: '18:00', end: '22:00' }]
    const before = await saved()
    const whatIf = await preview(coordinator.cookie, { settings: draft, at: '2026-11-27T20:00' })
    assert.equal(whatIf.statusCode, 200, whatIf.body)
    assert.equal(whatIf.json().open, true)
    assert.equal(whatIf.json().openUntil, '2026-11-27T22:00:00+01:00')
    const asSaved = await preview(coordinator.cookie, { settings: desk, at: '2026-11-27T20:00' })
    assert.equal(asSaved.json().open, false)
    assert.deepEqual(await saved(), before)
  })

  it('refuses a draft that could not be saved, naming every problem', async () => {
    const bad = structuredClone(desk) as typeof desk & { retention: { months: number } }
    bad.opening.weekly.mon = [{ start: '09:00', end: '25:00' }]
    bad.retention.months = 0
    const refused = await preview(coordinator.cookie, { settings: bad })
    assert.equal(refused.statusCode, 400)
    assert.deepEqual(
      refused
        .json()
        .problems.map((p: string) => p.split(':')[0])
        .sort(),
      ['opening.weekly.mon[0].end', 'retention.months'],
    )
    const badTime = await preview(coordinator.cookie, { settings: desk, at: 'venerdì' })
    assert.equal(badTime.statusCode, 400)
    assert.equal((await preview(coordinator.cookie, { settings: desk, extra: 1 })).statusCode, 400)
  })

  it("is for the helpline's coordinators: a volunteer is refused, another helpline's is not found", async () => {
    assert.equal((await preview(volunteer.cookie, { settings: desk })).statusCode, 403)
    assert.equal((await preview(outsider.cookie, { settings: desk })).statusCode, 404)
  })
})

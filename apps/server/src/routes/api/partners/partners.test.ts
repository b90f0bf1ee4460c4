// The partners list through the API: coordinators read this installation's public key and their
// helpline's address, and add, edit and disable partners (audited); volunteers cannot, another
// helpline's partner answers "not found"; an address that is not https (but loopback), a key that
// is not 32 bytes in base64url or already listed are refused with a coded 400/409.
import assert from 'node:assert/strict'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Partner, PartnersView } from '@ascolto/protocol'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'

const newKey = () => generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x as string

describe('the partners list', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer()
  })
  after(async () => server.close())

  async function line() {
    const { helplineId } = await makeHelpline(server.pool)
    const coordinator = await makeOperator(server, [{ helplineId, role: 'coordinator' }], 'Coordinatrice')
    const volunteer = await makeOperator(server, [{ helplineId, role: 'volunteer' }])
    return { helplineId, coordinator, volunteer }
  }
  const partner = () => ({
    name: 'Numero Verde Antitratta',
    baseUrl: 'https://antitratta.example.org/api/partners/v1/helplines/0b8e0f43-5a43-4a4a-9a3b-3f0c2a1d9e11/',
    publicKey: newKey(),
    enabled: true,
  })

  it('shows the installation key and the address to give, and keeps the partners, audited', async () => {
    const { helplineId, coordinator } = await line()
    const list = async () =>
      (await call(`${server.url}/api/helplines/${helplineId}/partners`, { cookie: coordinator.cookie }))
        .body as PartnersView
    const first = await list()
    assert.match(first.own.publicKey, /^[A-Za-z0-9_-]{43}$/)
    assert.ok(first.own.baseUrl.endsWith(`/api/partners/v1/helplines/${helplineId}`))
    assert.deepEqual(first.partners, [])
    // one key per installation, the same for every helpline
    const other = await line()
    const otherView = await call(`${server.url}/api/helplines/${other.helplineId}/partners`, {
      cookie: other.coordinator.cookie,
    })
    assert.equal((otherView.body as PartnersView).own.publicKey, first.own.publicKey)
    // the private key is stored sealed: what the database holds is no key
    const { rows: stored } = await server.pool.query<{ private_key_sealed: Buffer }>(
      'select private_key_sealed from installation_key',
    )
    const sealed = stored[0]?.private_key_sealed
    assert.ok(sealed)
    assert.throws(() => createPrivateKey({ key: sealed, format: 'der', type: 'pkcs8' }))

    const body = partner()
    const added = await call(`${server.url}/api/helplines/${helplineId}/partners`, {
      cookie: coordinator.cookie,
      body,
    })
    assert.equal(added.status, 201, JSON.stringify(added.body))
    const saved = added.body as Partner
    // the address is kept without its trailing slash
    assert.equal(saved.baseUrl, body.baseUrl.replace(/\/$/, ''))
    const disabled = await call(`${server.url}/api/partners/${saved.id}`, {
      method: 'PUT',
      cookie: coordinator.cookie,
      body: { ...body, enabled: false },
    })
    assert.equal(disabled.status, 200)
    assert.deepEqual(
      (await list()).partners.map((p) => [p.name, p.enabled]),
      [[body.name, false]],
    )
    const { rows } = await server.pool.query<{ action: string }>(
      "select action from audit_event where subject_type = 'partner' and subject_id = $1 order by id",
      [saved.id],
    )
    assert.deepEqual(
      rows.map((r) => r.action),
      ['partner.create', 'partner.update'],
    )
  })

  it('refuses an address not over https, a key that is not a raw Ed25519 key, and a key listed already', async () => {
    const { helplineId, coordinator } = await line()
    const add = (body: unknown) =>
      call(`${server.url}/api/helplines/${helplineId}/partners`, { cookie: coordinator.cookie, body })
    for (const baseUrl of [
      'http://antitratta.example.org/x',
      'https://user:pw@antitratta.example.org',
      'https://a.example.org/?k=1',
    ]) {
      const refused = await add({ ...partner(), baseUrl })
      assert.equal(refused.status, 400, baseUrl)
      assert.equal((refused.body as { code: string }).code, 'ASCOLTO_ERR_VALIDATION')
    }
    // loopback over http: two installations side by side
    assert.equal(
      (await add({ ...partner(), baseUrl: 'http://127.0.0.1:4000/api/partners/v1/helplines/x' })).status,
      201,
    )
    const notAKey = await add({ ...partner(), publicKey: 'A'.repeat(42) })
    assert.equal(notAKey.status, 400)
    const body = partner()
    assert.equal((await add(body)).status, 201)
    const again = await add({ ...body, name: 'Lo stesso' })
    assert.equal(again.status, 409)
    assert.equal((again.body as { code: string }).code, 'ASCOLTO_ERR_DUPLICATE_CONFLICT')
  })

  it('is kept by coordinators only, and walled per helpline', async () => {
    const { helplineId, coordinator, volunteer } = await line()
    const added = await call(`${server.url}/api/helplines/${helplineId}/partners`, {
      cookie: coordinator.cookie,
      body: partner(),
    })
    const { id } = added.body as Partner
    for (const [method, url, body] of [
      ['GET', `/api/helplines/${helplineId}/partners`, undefined],
      ['POST', `/api/helplines/${helplineId}/partners`, partner()],
      ['PUT', `/api/partners/${id}`, partner()],
    ] as const) {
      assert.equal(
        (await call(`${server.url}${url}`, { method, cookie: volunteer.cookie, body })).status,
        403,
      )
      const other = await line()
      const answer = await call(`${server.url}${url}`, { method, cookie: other.coordinator.cookie, body })
      assert.equal(answer.status, 404, `${method} ${url}`)
    }
  })
})

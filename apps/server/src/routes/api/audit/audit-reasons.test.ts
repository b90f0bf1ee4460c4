// The reasons staff type are sealed in the audit log too (migration 0049): a legal hold's, a
// reveal's, an export's, an erasure's are in no row of a dump, audit_event included, and the audit
// screen shows each to its coordinators as typed. Reasons the log kept in clear before are sealed
// at start-up, and the table stays append-only for every other change.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sealEarlierAuditReasons } from '@ascolto/core'
import { withTransaction } from '@ascolto/db'
import { dumpDatabase } from '../../../testing/database-dump.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('reasons in the audit log', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let volunteer: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }])
  })
  after(() => server.close())

  const newConversation = async () => {
    const token = visitorToken()
    const sent = await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'ho bisogno di parlare' },
    })
    assert.equal(sent.status, 201)
    const { rows } = await server.pool.query<{ id: string }>(
      'select id from conversation where helpline_id = $1 order by opened_at desc limit 1',
      [line.helplineId],
    )
    return rows[0]?.id ?? ''
  }
  const screen = async (cookie = coordinator.cookie) =>
    call(`${server.url}/api/helplines/${line.helplineId}/audit`, { cookie })

  it('keeps every typed reason sealed, and shows each on the audit screen as typed', async () => {
    const reasons = {
      hold: `richiesta della Procura ${randomUUID()}`,
      reveal: `richiamata concordata ${randomUUID()}`,
      export: `richiesta di accesso ${randomUUID()}`,
      erasure: `richiesta della persona ${randomUUID()}`,
    }
    const held = await newConversation()
    const kept = await call(`${server.url}/api/conversations/${held}/legal-hold`, {
      cookie: coordinator.cookie,
      body: { on: true, reason: reasons.hold },
    })
    assert.equal(kept.status, 200, JSON.stringify(kept.body))
    const revealed = await call(`${server.url}/api/conversations/${held}/contact/reveal`, {
      cookie: coordinator.cookie,
      body: { reason: reasons.reveal },
    })
    assert.equal(revealed.status, 200, JSON.stringify(revealed.body))
    const exported = await call(`${server.url}/api/conversations/${held}/contact/export`, {
      cookie: coordinator.cookie,
      body: { reason: reasons.export },
    })
    assert.equal(exported.status, 200, JSON.stringify(exported.body))
    const erased = await call(`${server.url}/api/conversations/${await newConversation()}/contact/erase`, {
      cookie: coordinator.cookie,
      body: { reason: reasons.erasure },
    })
    assert.equal(erased.status, 200, JSON.stringify(erased.body))

    const dump = (await dumpDatabase(server.pool)).text
    for (const [name, reason] of Object.entries(reasons)) {
      assert.equal(dump.includes(reason), false, `the ${name}'s reason in clear`)
    }
    const shown = await screen()
    assert.equal(shown.status, 200)
    const byAction = new Map(
      (shown.body.events as Array<{ action: string; details: { reason?: string } }>).map((e) => [
        e.action,
        e.details.reason,
      ]),
    )
    assert.equal(byAction.get('contact.legal_hold'), reasons.hold)
    assert.equal(byAction.get('contact.address_revealed'), reasons.reveal)
    assert.equal(byAction.get('contact.exported'), reasons.export)
    assert.equal(byAction.get('contact.erased'), reasons.erasure)
    // who could not read the log before cannot now
    assert.equal((await screen(volunteer.cookie)).status, 403)
  })

  it('seals at start-up a reason the log kept in clear, and stays append-only for anything else', async () => {
    const reason = `prima della migrazione 0049 ${randomUUID()}`
    const { rows } = await server.pool.query<{ id: string }>(
      `insert into audit_event (helpline_id, actor_id, action, subject_type, subject_id, details)
       values ($1, $2, 'contact.legal_hold_lifted', 'contact', $3, $4) returning id`,
      [line.helplineId, coordinator.userId, randomUUID(), { reason }],
    )
    assert.equal((await dumpDatabase(server.pool)).text.includes(reason), true, 'in clear, as before')
    assert.ok((await sealEarlierAuditReasons(server.pool, server.services.keyring)) >= 1)
    assert.equal((await dumpDatabase(server.pool)).text.includes(reason), false, 'sealed')
    const shown = (await screen()).body.events.find((e: { id: number }) => e.id === Number(rows[0]?.id))
    assert.deepEqual(shown?.details, { reason })
    assert.equal(await sealEarlierAuditReasons(server.pool, server.services.keyring), 0, 'nothing left to do')

    // even in a sealing transaction, a row cannot be changed in any other way
    await assert.rejects(
      withTransaction(server.pool, async (tx) => {
        await tx.query(`set local ascolto.audit_seal = 'on'`)
        await tx.query(`update audit_event set action = 'contact.erased' where id = $1`, [rows[0]?.id])
      }),
      /append-only/,
    )
    await assert.rejects(server.pool.query(`update audit_event set details = '{}'`), /append-only/)
  })
})

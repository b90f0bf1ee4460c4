// The closed conversations staff look back at: each filter narrows the list, a volunteer sees the
// ones they handled, another helpline's are out of reach (404), a filter the schema refuses is a
// 400 naming it (SQL's own characters included, harmlessly), and every search is audited.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { ClosedConversation } from '@ascolto/protocol'
import { DESK_SETTINGS, setDeskSettings } from '../../../testing/desk-settings.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('closed conversations, filtered', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let marta: { userId: string; cookie: string }
  let luca: { userId: string; cookie: string }
  let supervisor: { userId: string; cookie: string }
  const ids: Record<string, string> = {}
  const list = async (cookie: string, query: Record<string, string> = {}) =>
    call(
      `${server.url}/api/closed-conversations?${new URLSearchParams({ helplineId: line.helplineId, ...query })}`,
      { cookie },
    )
  const pseudonymsOf = (body: { conversations: ClosedConversation[] }) =>
    body.conversations.map((c) => c.contactPseudonym).sort()

  /** A person writes, `who` takes it and closes it with these categories; answers its id and pseudonym. */
  async function handled(who: { cookie: string }, categories: string[], flag = false) {
    const token = visitorToken()
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'Ciao' },
    })
    const waiting = await call(`${server.url}/api/conversations?status=waiting`, { cookie: who.cookie })
    const conversation = waiting.body.conversations[0]
    await call(`${server.url}/api/conversations/${conversation.id}/take`, { cookie: who.cookie, body: {} })
    if (flag) {
      const raised = await call(`${server.url}/api/conversations/${conversation.id}/flags`, {
        cookie: who.cookie,
        body: { kind: 'minor_at_risk', reason: 'Ha 13 anni' },
      })
      assert.equal(raised.status, 201)
    }
    const closed = await call(`${server.url}/api/conversations/${conversation.id}/close`, {
      cookie: who.cookie,
      body: { categories, outcome: { outcome: 'listened' } },
    })
    assert.equal(closed.status, 200)
    return conversation.id as string
  }

  before(async () => {
    server = await startTestServer()
    line = await makeHelpline(server.pool)
    marta = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marta')
    luca = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Luca')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Sara')
    const coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }])
    await setDeskSettings(server, line.helplineId, coordinator.cookie, DESK_SETTINGS)
    ids.lonely = await handled(marta, ['loneliness'])
    ids.bullied = await handled(luca, ['bullying'], true)
    // a person who left before anyone answered
    const token = visitorToken()
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/messages`, {
      token,
      body: { clientId: randomUUID(), text: 'Forse dopo' },
    })
    await call(`${server.url}/api/widget/v1/channels/${line.channelId}/end`, { method: 'POST', token })
  })
  after(() => server.close())

  it('narrows by category, flag, handler, the person left before an answer, and the day', async () => {
    const all = await list(supervisor.cookie)
    assert.equal(all.status, 200)
    assert.equal(all.body.conversations.length, 3)
    assert.deepEqual(all.body.doors, [{ id: line.channelId, kind: 'webchat', name: 'Web chat' }])
    const only = async (query: Record<string, string>) =>
      (await list(supervisor.cookie, query)).body.conversations.map((c: ClosedConversation) => c.id)
    assert.deepEqual(await only({ category: 'loneliness' }), [ids.lonely])
    assert.deepEqual(await only({ flag: 'any' }), [ids.bullied])
    assert.deepEqual(await only({ flag: 'imminent_risk' }), [])
    assert.deepEqual(await only({ handledBy: luca.userId }), [ids.bullied])
    assert.equal((await only({ abandoned: 'true' })).length, 1)
    assert.equal((await only({ channelId: line.channelId })).length, 3)
    assert.deepEqual(await only({ from: '2020-01-01', to: '2020-12-31' }), [])
    const bullied = all.body.conversations.find((c: ClosedConversation) => c.id === ids.bullied)
    assert.deepEqual(
      { categories: bullied.categories, flags: bullied.flags, by: bullied.handledBy.displayName },
      { categories: ['bullying'], flags: ['minor_at_risk'], by: 'Luca' },
    )
    for (const written of [
      `${bullied.contactPseudonym}`,
      `#${bullied.contactPseudonym}`,
      `Persona #${bullied.contactPseudonym}`,
    ]) {
      assert.deepEqual(await only({ pseudonym: written }), [ids.bullied], written)
    }
  })

  it('shows a volunteer the ones they handled, whatever they ask', async () => {
    const mine = await list(marta.cookie, { handledBy: luca.userId })
    assert.equal(mine.status, 200)
    assert.deepEqual(
      mine.body.conversations.map((c: ClosedConversation) => c.id),
      [ids.lonely],
    )
    assert.equal(pseudonymsOf((await list(luca.cookie)).body).length, 1)
  })

  it('refuses another helpline and filters it cannot read, and audits every search', async () => {
    const elsewhere = await makeHelpline(server.pool)
    const outsider = await makeOperator(server, [{ helplineId: elsewhere.helplineId, role: 'coordinator' }])
    assert.equal((await list(outsider.cookie)).status, 404)
    const refusals: Record<string, string>[] = [
      { pseudonym: "1' or '1'='1" },
      { pseudonym: '1; drop table conversation' },
      { category: "x' or 1=1 --" },
      { flag: 'everything' },
      { from: '2026-13-01' },
      { handledBy: 'marta' },
      { surprise: 'yes' },
    ]
    for (const bad of refusals) {
      const refused = await list(supervisor.cookie, bad)
      assert.equal(refused.status, 400, JSON.stringify(bad))
      assert.equal(refused.body.code, 'ASCOLTO_ERR_VALIDATION')
    }
    const still = await server.pool.query(
      'select count(*)::int as count from conversation where helpline_id = $1',
      [line.helplineId],
    )
    assert.equal(still.rows[0].count, 3)
    const audited = await server.pool.query(
      `select actor_id, details from audit_event where helpline_id = $1 and action = 'conversations.search'`,
      [line.helplineId],
    )
    assert.ok(audited.rowCount && audited.rowCount >= 10)
    assert.ok(
      audited.rows.some((row) => row.actor_id === supervisor.userId && row.details.category === 'loneliness'),
    )
  })
})

// Emergency take-in over the API: a case whose plan is the helpline's procedure (the anti-trafficking
// line's settings file), the on-call supervisor alerted through the safeguarding path when it opens
// (WhatsApp's fake Graph API at the edge), each step timed and signed and checked against its field,
// and the record exported for the receiving project: no place nor address unless revealed, audited.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openAuditReason } from '@ascolto/core'
import type { CaseExport, CaseView } from '@ascolto/protocol'
import { setDeskSettings, setEmergencyProcedure } from '../../../testing/desk-settings.ts'
import { eventually } from '../../../testing/eventually.ts'
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../testing/fake-whatsapp.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../../../testing/test-server.ts'
import { openWhatsAppConversation, type WhatsAppChat } from '../../../testing/whatsapp-conversation.ts'

const ON_CALL = '393331110000'
const PERSON = '393471234500'
const PLACE = 'Stazione centrale, binario 3'

describe('emergency take-in', () => {
  let server: TestServer
  let fake: FakeWhatsApp
  let chat: WhatsAppChat
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let stranger: Awaited<ReturnType<typeof makeOperator>>

  before(async () => {
    server = await startTestServer()
    fake = await startFakeWhatsApp()
    chat = await openWhatsAppConversation(server, fake, { phone: PERSON })
    supervisor = await makeOperator(server, [{ helplineId: chat.helplineId, role: 'supervisor' }], 'Sara')
    coordinator = await makeOperator(server, [{ helplineId: chat.helplineId, role: 'coordinator' }], 'Anna')
    stranger = await makeOperator(server, [
      { helplineId: (await makeHelpline(server.pool)).helplineId, role: 'coordinator' },
    ])
    await setDeskSettings(server, chat.helplineId, coordinator.cookie, {
      onCall: { channelId: chat.channelId, address: ON_CALL },
    })
  })
  after(async () => {
    await fake?.close()
    await server?.close()
  })

  const api = (path: string, cookie: string, body?: unknown) =>
    call(`${server.url}/api${path}`, { cookie, body })

  it('needs the helpline to have a procedure', async () => {
    const refused = await api('/cases', chat.volunteer.cookie, {
      conversationId: chat.conversationId,
      title: 'Emergenza',
      kind: 'emergency',
    })
    assert.equal(refused.status, 400)
    assert.equal((await server.pool.query('select 1 from help_case')).rowCount, 0, 'nothing opened')
  })

  it('alerts the one on call, records each step signed, and exports without the place unless revealed', async () => {
    await setEmergencyProcedure(server, chat.helplineId, coordinator.cookie)
    const before = fake.sent.length
    const opened = await api('/cases', chat.volunteer.cookie, {
      conversationId: chat.conversationId,
      title: 'Donna in stazione',
      kind: 'emergency',
    })
    assert.equal(opened.status, 201)
    const view = opened.body as CaseView
    assert.deepEqual(
      view.emergency?.procedure.map((s) => s.id),
      [
        'where-now',
        'immediate-danger',
        'needs',
        'called',
        'shelter-found',
        'handover-project',
        'handover-at',
      ],
    )

    // the on-call supervisor is alerted outside the console, with the kind and the pseudonym only
    await eventually('the on-call number is alerted', () =>
      fake.sent.slice(before).some((m) => m.to === ON_CALL),
    )
    const alert = fake.sent.slice(before).find((m) => m.to === ON_CALL)
    assert.match(alert?.text ?? '', /presa in carico in emergenza aperta\) per Persona #\d+/)
    assert.equal(alert?.text.includes('stazione'), false, 'never the title')
    const flags = await server.pool.query(
      `select kind, acknowledged_at from safeguarding_flag where conversation_id = $1`,
      [chat.conversationId],
    )
    assert.deepEqual(flags.rows, [{ kind: 'emergency_take_in', acknowledged_at: null }])
    assert.deepEqual(
      fake.sent.slice(before).filter((m) => m.to === PERSON),
      [],
      'nothing goes to the person',
    )

    const step = (stepId: string, value: unknown, cookie = chat.volunteer.cookie) =>
      api(`/cases/${view.id}/emergency-steps`, cookie, { stepId, value })
    assert.equal((await step('where-now', PLACE)).status, 200)
    assert.equal((await step('immediate-danger', true)).status, 200)
    assert.equal((await step('called', ['112', 'local-anti-trafficking'])).status, 200)
    for (const [stepId, value, status] of [
      ['needs', ['a-spaceship'], 400],
      ['immediate-danger', 'yes', 400],
      ['handover-at', 'domani', 400],
      ['no-such-step', 'x', 404],
    ] as const) {
      assert.equal((await step(stepId, value)).status, status, `${stepId}: ${JSON.stringify(value)}`)
    }
    assert.equal((await step('where-now', 'x', stranger.cookie)).status, 404, 'the wall')
    const recorded = await step('handover-at', '2026-12-06T09:00:00.000Z', supervisor.cookie)
    const records = (recorded.body as CaseView).emergency?.records ?? []
    assert.deepEqual(
      records.map((r) => [r.stepId, r.value, r.doneBy?.displayName]),
      [
        ['handover-at', '2026-12-06T09:00:00.000Z', 'Sara'],
        ['called', ['112', 'local-anti-trafficking'], 'Volontaria'],
        ['immediate-danger', true, 'Volontaria'],
        ['where-now', PLACE, 'Volontaria'],
      ],
      'every value the four bad ones did not change, each signed',
    )
    assert.ok(
      records.every((r) => !Number.isNaN(Date.parse(r.doneAt))),
      'each timed',
    )
    const sealed = await server.pool.query('select value_sealed from case_emergency_step')
    assert.ok(
      sealed.rows.every((r) => !r.value_sealed.includes(Buffer.from('binario'))),
      'sealed at rest',
    )

    // a standard case has no procedure
    const other = await chat.another({ phone: '393471234599' })
    const standard = await api('/cases', chat.volunteer.cookie, {
      conversationId: other.conversationId,
      title: 'Altro',
    })
    assert.equal(
      (
        await api(`/cases/${standard.body.id}/emergency-steps`, chat.volunteer.cookie, {
          stepId: 'where-now',
          value: 'x',
        })
      ).status,
      400,
    )

    // the record for the receiving project: coordinators only, the place withheld unless revealed
    const exported = (cookie: string, body: object = {}) => api(`/cases/${view.id}/export`, cookie, body)
    assert.equal((await exported(chat.volunteer.cookie)).status, 403)
    assert.equal((await exported(supervisor.cookie)).status, 403)
    assert.equal((await exported(stranger.cookie)).status, 404)
    const plain = await exported(coordinator.cookie)
    assert.equal(plain.status, 200)
    assert.match(plain.headers.get('content-disposition') ?? '', /attachment; filename="presa-in-carico-/)
    const record = plain.body as CaseExport
    assert.equal(record.format, 'ascolto.emergency-take-in/1')
    assert.deepEqual(
      record.steps.map((s) => [s.label, s.value, s.withheld, s.doneBy]),
      [
        ['Dove si trova ora la persona', null, true, 'Volontaria'],
        ['È in pericolo immediato?', true, false, 'Volontaria'],
        ['Bisogni', null, false, null],
        ['Chi è stato chiamato', ['112', 'Il progetto antitratta del territorio'], false, 'Volontaria'],
        ['Accoglienza trovata', null, false, null],
        ['Passaggio al progetto', null, false, null],
        ['Quando avviene il passaggio', '2026-12-06T09:00:00.000Z', false, 'Sara'],
      ],
    )
    assert.deepEqual(record.addresses, [])
    assert.equal(JSON.stringify(record).includes('binario'), false)
    assert.equal(JSON.stringify(record).includes(PERSON), false)

    const revealed = await exported(coordinator.cookie, {
      reveal: { conversationId: chat.conversationId, reason: 'Passaggio al progetto di accoglienza' },
    })
    assert.equal(revealed.status, 200)
    assert.equal(revealed.body.steps[0].value, PLACE)
    assert.deepEqual(revealed.body.addresses, [{ channelKind: 'whatsapp', address: PERSON }])
    const elsewhere = await exported(coordinator.cookie, {
      reveal: { conversationId: other.conversationId, reason: 'x' },
    })
    assert.equal(elsewhere.status, 404, 'only a conversation of the case')

    const audit = await server.pool.query(
      `select id, helpline_id, reason_sealed, action, details from audit_event
        where (action = 'case.exported' and subject_id = $1) or action = 'contact.address_revealed'
        order by id`,
      [view.id],
    )
    assert.deepEqual(
      audit.rows.map((r) => [r.action, r.details.revealed ?? openAuditReason(server.services.keyring, r)]),
      [
        ['case.exported', false],
        ['contact.address_revealed', 'Passaggio al progetto di accoglienza'],
        ['case.exported', true],
      ],
    )
    assert.equal(JSON.stringify(audit.rows).includes(PERSON), false, 'the audit keeps no address')
  })
})

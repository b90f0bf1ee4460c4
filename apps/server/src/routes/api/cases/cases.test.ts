// Cases over the API: opened from a conversation, joined by a relative's, planned, followed up
// inside the line's hours, reviewed by a supervisor; the wall (another helpline: 404; a volunteer
// outside the team: only that there is a case); erasure; retention per case.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { purgeInactiveContacts } from '@ascolto/core'
import type { CaseChange, CaseView, ConversationView } from '@ascolto/protocol'
import { closeOnSundays } from '../../../testing/closed-on-sundays.ts'
import { dumpDatabase } from '../../../testing/database-dump.ts'
import { writeIn } from '../../../testing/desk-settings.ts'
import { connectConsole, nextEvent } from '../../../testing/sockets.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../../../testing/test-server.ts'

describe('cases', () => {
  let server: TestServer
  let line: { helplineId: string; channelId: string }
  let volunteer: Awaited<ReturnType<typeof makeOperator>>
  let colleague: Awaited<ReturnType<typeof makeOperator>>
  let supervisor: Awaited<ReturnType<typeof makeOperator>>
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let stranger: Awaited<ReturnType<typeof makeOperator>>
  // Saturday 5 December 2026, 11:00 in Rome
  let now = new Date('2026-12-05T10:00:00Z')

  before(async () => {
    server = await startTestServer({}, { clock: () => now })
    line = await makeHelpline(server.pool)
    const other = await makeHelpline(server.pool)
    await closeOnSundays(server.pool, line.helplineId)
    volunteer = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Giulia')
    colleague = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    supervisor = await makeOperator(server, [{ helplineId: line.helplineId, role: 'supervisor' }], 'Elena')
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Anna')
    stranger = await makeOperator(server, [{ helplineId: other.helplineId, role: 'coordinator' }])
  })
  after(() => server.close())

  /** A person writes in the web chat and the volunteer takes the conversation. */
  async function handled(text: string, operator = volunteer) {
    await writeIn(server, line.channelId, visitorToken(), text)
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: operator.cookie })
    const id = queue.body.conversations.find((c: ConversationView) => c.preview === text).id as string
    await call(`${server.url}/api/conversations/${id}/take`, { cookie: operator.cookie, body: {} })
    return id
  }
  const api = (path: string, cookie: string, body?: unknown, method?: string) =>
    call(`${server.url}/api${path}`, { cookie, body, method })

  async function openedCase(relation = 'madre') {
    const mother = await handled(`Mio figlio beve troppo ${randomUUID()}`)
    const opened = await api('/cases', volunteer.cookie, {
      conversationId: mother,
      title: 'Percorso dicembre',
      relation,
    })
    assert.equal(opened.status, 201)
    return { mother, view: opened.body as CaseView }
  }

  it('groups a relative and the person, holds a plan, follow-ups inside the hours and a review', async () => {
    const { mother, view } = await openedCase()
    assert.equal(view.title, 'Percorso dicembre')
    assert.equal(view.responsible?.displayName, 'Giulia')
    assert.deepEqual(
      view.members.map((m) => [m.isSubject, m.relation]),
      [[false, 'madre']],
    )
    const son = await handled('Sono io, il figlio: mia madre mi ha detto di scrivervi')
    const joined = await api(`/cases/${view.id}/conversations`, volunteer.cookie, { conversationId: son })
    assert.equal(joined.status, 200)
    assert.deepEqual(
      joined.body.members.map((m: CaseView['members'][number]) => [m.isSubject, m.relation]),
      [
        [true, null],
        [false, 'madre'],
      ],
    )
    assert.deepEqual(
      joined.body.conversations.map((c: CaseView['conversations'][number]) => c.conversationId),
      [son, mother],
      'newest first',
    )
    const again = await api(`/cases/${view.id}/conversations`, volunteer.cookie, { conversationId: son })
    assert.equal(again.status, 409, 'a conversation belongs to one case')

    const goal = await api(`/cases/${view.id}/entries`, volunteer.cookie, {
      kind: 'goal',
      text: 'Primo colloquio al SerD',
    })
    const goalId = goal.body.entries[0].id
    const step = await api(`/cases/${view.id}/entries`, volunteer.cookie, {
      kind: 'step',
      goalId,
      text: 'Trovare il numero del SerD di zona',
    })
    const stepId = step.body.entries[0].id
    const done = await api(`/cases/${view.id}/entries/${stepId}/done`, volunteer.cookie, { done: true })
    assert.equal(done.body.entries.find((e: { id: string }) => e.id === stepId).doneBy.displayName, 'Giulia')

    // Sunday 10:00 in Rome: closed, so it moves to Monday's opening, 09:00 in Rome
    const followUp = await api(`/cases/${view.id}/entries`, volunteer.cookie, {
      kind: 'follow_up',
      text: 'Ricontattare la madre',
      dueAt: '2026-12-06T09:00:00.000Z',
    })
    assert.equal(followUp.status, 200)
    assert.equal(followUp.body.entries[0].dueAt, '2026-12-07T08:00:00.000Z')
    assert.equal(followUp.body.nextFollowUp, '2026-12-07T08:00:00.000Z')
    const past = await api(`/cases/${view.id}/entries`, volunteer.cookie, {
      kind: 'follow_up',
      text: 'Ieri',
      dueAt: '2026-12-04T09:00:00.000Z',
    })
    assert.equal(past.status, 400)

    assert.deepEqual((await api('/case-tasks', volunteer.cookie)).body.tasks, [], 'not due today yet')
    now = new Date('2026-12-07T09:30:00Z')
    const tasks = (await api('/case-tasks', volunteer.cookie)).body.tasks
    assert.deepEqual(
      tasks.map((t: { text: string; caseTitle: string; overdue: boolean }) => [
        t.text,
        t.caseTitle,
        t.overdue,
      ]),
      [['Ricontattare la madre', 'Percorso dicembre', true]],
    )
    assert.deepEqual((await api('/case-tasks', colleague.cookie)).body.tasks, [], 'only the responsible')

    const review = (cookie: string) =>
      api(`/cases/${view.id}/entries`, cookie, {
        kind: 'review',
        text: 'Bene il SerD; sentite anche il padre.',
      })
    assert.equal((await review(volunteer.cookie)).status, 403)
    const reviewed = await review(supervisor.cookie)
    assert.equal(reviewed.status, 200)
    const seen = await api(`/cases/${view.id}`, volunteer.cookie)
    assert.equal(seen.body.entries[0].kind, 'review')
    assert.equal(seen.body.entries[0].author.displayName, 'Elena')

    const closing = await api(`/cases/${view.id}`, volunteer.cookie, { status: 'closed' }, 'PATCH')
    assert.equal(closing.status, 400, 'closing takes an outcome')
    const closed = await api(
      `/cases/${view.id}`,
      volunteer.cookie,
      { status: 'closed', outcome: 'referred' },
      'PATCH',
    )
    assert.equal(closed.body.status, 'closed')
    const fact = await server.pool.query(
      'select kind, outcome, contacts, conversations from case_fact where case_id = $1',
      [view.id],
    )
    assert.deepEqual(fact.rows, [{ kind: 'standard', outcome: 'referred', contacts: 2, conversations: 2 }])
    const sealed = await server.pool.query('select body_sealed from case_entry where case_id = $1', [view.id])
    assert.ok(
      sealed.rows.every((r) => !r.body_sealed.includes(Buffer.from('SerD'))),
      'sealed at rest',
    )
    const audited = await server.pool.query(
      `select count(*)::int as n from audit_event where action = 'case.read' and subject_id = $1`,
      [view.id],
    )
    assert.equal(audited.rows[0].n, 1, 'a read of the case is audited')
  })

  it('keeps its wall: 404 across helplines, only the team and supervisors read it; the team changes by the responsible and supervisors', async () => {
    const { mother, view } = await openedCase()
    for (const [path, method, body] of [
      [`/cases/${view.id}`, 'GET', undefined],
      [`/cases/${view.id}`, 'PATCH', { title: 'Preso' }],
      [`/cases/${view.id}/entries`, 'POST', { kind: 'note', text: 'x' }],
      [`/conversations/${mother}/case`, 'GET', undefined],
    ] as const) {
      assert.equal((await api(path, stranger.cookie, body, method)).status, 404, `${method} ${path}`)
    }
    assert.equal((await api(`/cases/${view.id}`, colleague.cookie)).status, 403)
    assert.equal(
      (await api(`/cases/${view.id}/entries`, colleague.cookie, { kind: 'note', text: 'x' })).status,
      403,
    )
    assert.ok(
      !(await api('/cases', colleague.cookie)).body.cases.some((c: { id: string }) => c.id === view.id),
    )
    const belongs = await api(`/conversations/${mother}/case`, colleague.cookie)
    assert.deepEqual(
      belongs.body,
      { caseId: view.id, case: null, emergencyOffered: false },
      'that there is a case, not what it holds',
    )
    assert.equal((await api(`/cases/${view.id}`, supervisor.cookie)).status, 200)
    const joined = await api(`/cases/${view.id}`, volunteer.cookie, { team: [colleague.userId] }, 'PATCH')
    assert.deepEqual(
      joined.body.team.map((p: { displayName: string }) => p.displayName),
      ['Giulia', 'Marco'],
    )
    assert.equal((await api(`/cases/${view.id}`, colleague.cookie)).status, 200)
    const regrouped = await api(`/cases/${view.id}`, colleague.cookie, { team: [] }, 'PATCH')
    assert.equal(regrouped.status, 403, 'a member of the team does not change it')
    const handed = await api(
      `/cases/${view.id}`,
      colleague.cookie,
      { responsibleId: colleague.userId },
      'PATCH',
    )
    assert.equal(handed.status, 403, 'nor takes it over')
    const bySupervisor = await api(
      `/cases/${view.id}`,
      supervisor.cookie,
      { team: [supervisor.userId] },
      'PATCH',
    )
    assert.deepEqual(
      bySupervisor.body.team.map((p: { displayName: string }) => p.displayName),
      ['Elena', 'Giulia'],
      'a supervisor does; the responsible operator stays',
    )
    assert.equal(
      (await api(`/cases/${view.id}`, colleague.cookie)).status,
      403,
      'out of the team, out of the case',
    )
    const outsider = await api(`/cases/${view.id}`, volunteer.cookie, { team: [stranger.userId] }, 'PATCH')
    assert.equal(outsider.status, 400, 'only members of the helpline join the team')
  })

  it("tells the helpline's consoles which case changed and its state, never what it holds", async () => {
    const sockets = await Promise.all(
      [volunteer, colleague, stranger].map((o) => connectConsole(server.url, o.cookie)),
    )
    const [mine, outside, beyond] = sockets as [
      (typeof sockets)[number],
      (typeof sockets)[number],
      (typeof sockets)[number],
    ]
    const heardBeyond: unknown[] = []
    beyond.on('case.changed', (change) => heardBeyond.push(change))
    try {
      const changed = (socket: typeof mine, status: string) =>
        nextEvent<CaseChange>(socket, 'case.changed', (c) => c.status === status)
      const opening = Promise.all([changed(mine, 'open'), changed(outside, 'open')])
      const { mother, view } = await openedCase()
      for (const change of await opening) {
        assert.deepEqual(change, {
          caseId: view.id,
          helplineId: line.helplineId,
          kind: 'standard',
          status: 'open',
          conversationIds: [mother],
        })
      }
      // a volunteer outside the team hears the state, and the case itself stays closed to them
      const pausing = changed(outside, 'on_hold')
      const pausedHere = changed(mine, 'on_hold')
      await api(`/cases/${view.id}/entries`, volunteer.cookie, { kind: 'note', text: 'Segreto del percorso' })
      await api(`/cases/${view.id}`, volunteer.cookie, { status: 'on_hold' }, 'PATCH')
      const paused = await pausing
      assert.equal(JSON.stringify(paused).includes('Segreto'), false)
      assert.equal(JSON.stringify(paused).includes('Percorso dicembre'), false)
      assert.equal((await api(`/cases/${view.id}`, colleague.cookie)).status, 403)
      // the other helpline's consoles heard nothing (the same events reached this one by now)
      await pausedHere
      assert.deepEqual(heardBeyond, [])
    } finally {
      for (const socket of sockets) socket.disconnect()
    }
  })

  it('erases a person from the case, and the case with the last of them, leaving no trace', async () => {
    const { mother, view } = await openedCase()
    const son = await handled('Ciao, sono il figlio di cui parlava')
    await api(`/cases/${view.id}/conversations`, volunteer.cookie, { conversationId: son })
    await api(`/cases/${view.id}/entries`, volunteer.cookie, { kind: 'note', text: 'Ha paura del padre' })
    const { rows } = await server.pool.query<{ contact_id: string; relation_sealed: Buffer | null }>(
      'select contact_id, relation_sealed from case_member where case_id = $1',
      [view.id],
    )
    const entries = await server.pool.query<{ body_sealed: Buffer }>(
      'select body_sealed from case_entry where case_id = $1',
      [view.id],
    )
    const sonContact = (await server.pool.query('select contact_id from conversation where id = $1', [son]))
      .rows[0].contact_id as string
    const erase = (conversationId: string) =>
      api(`/conversations/${conversationId}/contact/erase`, coordinator.cookie, {
        reason: 'Richiesta della persona',
      })
    assert.equal((await erase(son)).status, 200)
    const left = await api(`/cases/${view.id}`, volunteer.cookie)
    assert.deepEqual(
      left.body.members.map((m: { relation: string }) => m.relation),
      ['madre'],
    )
    assert.deepEqual(left.body.entries, [], 'what was written about the son went with him')

    assert.equal((await erase(mother)).status, 200)
    assert.equal((await api(`/cases/${view.id}`, supervisor.cookie)).status, 404, 'a case with nobody goes')
    const facts = await server.pool.query(
      'select contacts, conversations from case_fact where case_id = $1',
      [view.id],
    )
    assert.deepEqual(facts.rows, [{ contacts: 2, conversations: 2 }], 'its anonymous facts stay')

    // the audit trail keeps ids of what it points at, by design (erase-contact.ts)
    const dump = (await dumpDatabase(server.pool, { except: ['audit_event'] })).text
    for (const { contact_id, relation_sealed } of rows) {
      assert.ok(!dump.includes(contact_id), 'no row names the person')
      if (relation_sealed) assert.ok(!dump.includes(relation_sealed.toString('latin1')))
    }
    assert.ok(!dump.includes(sonContact))
    for (const { body_sealed } of entries.rows) {
      assert.ok(
        !dump.includes(body_sealed.subarray(1, 29).toString('latin1')),
        "the note's ciphertext is gone",
      )
    }
    assert.equal((await server.pool.query('select 1 from help_case where id = $1', [view.id])).rowCount, 0)
  })

  it('keeps a case while open and for the retention months after closing, longer under legal hold', async () => {
    const open = await openedCase()
    const closed = await openedCase()
    const held = await openedCase()
    for (const { view } of [closed, held]) {
      await api(`/cases/${view.id}`, volunteer.cookie, { status: 'closed', outcome: 'goal-reached' }, 'PATCH')
    }
    const hold = (cookie: string, until: string | null) =>
      api(`/cases/${held.view.id}/legal-hold`, cookie, {
        until,
        reason: 'Richiesta della Procura n. 12/2026',
      })
    assert.equal((await hold(volunteer.cookie, '2028-01-01T00:00:00.000Z')).status, 403)
    assert.equal((await hold(supervisor.cookie, '2027-09-01T00:00:00.000Z')).status, 200)
    const renewed = await hold(supervisor.cookie, '2028-01-01T00:00:00.000Z')
    assert.equal(renewed.body.legalHoldUntil, '2028-01-01T00:00:00.000Z')
    const audit = await server.pool.query(
      `select count(*)::int as n from audit_event where action = 'case.legal_hold' and subject_id = $1`,
      [held.view.id],
    )
    assert.equal(audit.rows[0].n, 2)

    // the default retention is 6 months: in a year, everyone silent is due
    await purgeInactiveContacts(server.pool, server.services.keyring, {
      now: new Date('2027-12-10T00:00:00Z'),
    })
    const exists = async (id: string) =>
      ((await server.pool.query('select 1 from help_case where id = $1', [id])).rowCount ?? 0) > 0
    assert.equal(await exists(open.view.id), true, 'open: kept')
    assert.equal(await exists(closed.view.id), false, 'closed for longer than the months: deleted')
    assert.equal(await exists(held.view.id), true, 'under legal hold: kept')
    const members = await server.pool.query('select count(*)::int as n from case_member where case_id = $1', [
      open.view.id,
    ])
    assert.equal(members.rows[0].n, 1, "the open case's people are kept with it")
    const fact = await server.pool.query('select outcome from case_fact where case_id = $1', [closed.view.id])
    assert.deepEqual(fact.rows, [{ outcome: 'goal-reached' }])
  })
})

// The desk's settings in the coordinator's form, in Chromium: categories renamed, removed, added
// and moved, a question added to the closing form (a mistake named by the server, found, fixed),
// and the volunteer's close dialog then offers them; then automatic assignment switched on, and
// the next person who writes is given to the volunteer without anyone taking them; last, the
// on-call alert (a WhatsApp number, the Graph API a fake) and review of flagged conversations:
// a flag then alerts that number, and its conversation goes to review when closed.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ConversationView, ReviewView } from '@ascolto/protocol'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { eventually } from '../apps/server/src/testing/eventually.ts'
import {
  connectFakeWhatsApp,
  type FakeWhatsApp,
  startFakeWhatsApp,
} from '../apps/server/src/testing/fake-whatsapp.ts'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
  visitorToken,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk, setDeskSettings, wcagViolations, writeIn } from './desk-fixtures.ts'

describe("the desk's settings in the form, in Chromium", () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  let whatsapp: FakeWhatsApp
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    whatsapp = await startFakeWhatsApp()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Carla')
    await setDeskSettings(server, line.helplineId, coordinator.cookie)
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await whatsapp?.close()
    await server?.close()
  })

  async function openSettings(viewport?: { width: number; height: number }) {
    const page = await openDesk(browser, server.url, coordinator.email, contexts, viewport)
    await page.getByRole('link', { name: 'Impostazioni' }).click()
    await page.getByRole('heading', { name: 'Impostazioni della linea' }).waitFor()
    return page
  }
  const save = async (page: Page) => page.getByRole('button', { name: 'Salva' }).click()

  it('edits the categories and the closing form; the close dialog offers them', async () => {
    const page = await openSettings()
    const categories = page.getByRole('group', { name: 'Categorie' })
    // rename the second, remove the third, add one and move it up
    await categories
      .getByRole('group', { name: 'Categoria 2: Bullismo' })
      .getByLabel('Nome in italiano')
      .fill('Bullismo e cyberbullismo')
    await categories.getByRole('button', { name: 'Rimuovi Categoria 3' }).click()
    await categories.getByRole('button', { name: 'Aggiungi categoria' }).click()
    const added = categories.getByRole('group', { name: /^Categoria 3/ }).getByLabel('Nome in italiano')
    assert.equal(await added.evaluate((input) => input === document.activeElement), true)
    await added.fill('Famiglia')
    await categories.getByRole('button', { name: 'Sposta su Categoria 3' }).click()
    // focus goes with the category moved, now the second
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '↑ Sposta su Categoria 2')
    assert.deepEqual(
      await categories
        .getByLabel('Nome in italiano')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      ['Solitudine', 'Famiglia', 'Bullismo e cyberbullismo'],
    )

    // a second question, its second answer left without a name
    const closing = page.getByRole('group', { name: 'Modulo di chiusura' })
    await closing.getByRole('button', { name: 'Aggiungi domanda' }).click()
    const question = closing.getByRole('group', { name: /^Domanda 2/ })
    await question.getByLabel('Nome in italiano').first().fill('Chi ha scritto')
    await question.getByRole('checkbox', { name: 'Risposta obbligatoria per chiudere' }).check()
    await question
      .getByRole('group', { name: 'Risposta 1' })
      .getByLabel('Nome in italiano')
      .fill('La persona stessa')
    await save(page)
    const problems = page.getByRole('alert').filter({ hasText: 'Impostazioni non salvate' })
    await problems.waitFor()
    // the place in the form's words, a button that leads to the field
    const place = problems.getByRole('button', {
      name: 'Modulo di chiusura › Domanda 2 › risposte possibili › Risposta 2',
    })
    await place.click()
    const unnamed = question.getByRole('group', { name: 'Risposta 2' }).getByLabel('Nome in italiano')
    assert.equal(await unnamed.evaluate((input) => input === document.activeElement), true)
    assert.equal(await unnamed.getAttribute('aria-invalid'), 'true')
    await screenshot(page, 'console-settings-desk-problem-1280')
    await unnamed.fill('Un familiare o un amico')
    await save(page)
    await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
    await categories.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-categories-1280')
    assert.deepEqual(await wcagViolations(page), [])

    const { rows } = await server.pool.query<{ desk: { categories: Array<{ id: string }> } }>(
      `select settings->'desk' as desk from helpline where id = $1`,
      [line.helplineId],
    )
    // a renamed category keeps its id (the statistics count by it); a new one gets one from its name
    assert.deepEqual(
      rows[0]?.desk.categories.map((c) => c.id),
      ['loneliness', 'famiglia', 'bullying'],
    )

    // a volunteer closing a conversation is offered what was just saved
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Giulia',
    )
    await writeIn(server, line.channelId, visitorToken(), 'Mia madre non mi parla da una settimana')
    const desk = await openDesk(browser, server.url, volunteer.email, contexts)
    await desk.getByRole('tabpanel', { name: 'In attesa' }).getByRole('link').first().click()
    await desk.getByRole('button', { name: 'Prendi in carico' }).click()
    await desk.getByRole('button', { name: 'Chiudi', exact: true }).click()
    const dialog = desk.getByRole('dialog', { name: /^Chiudere la conversazione con Persona #/ })
    assert.deepEqual(await dialog.locator('label:has(input[type="checkbox"])').allTextContents(), [
      'Solitudine',
      'Famiglia',
      'Bullismo e cyberbullismo',
    ])
    const who = dialog.getByLabel('Chi ha scritto')
    assert.deepEqual(await who.locator('option').allTextContents(), [
      'Scegli…',
      'La persona stessa',
      'Un familiare o un amico',
    ])
    await dialog.getByRole('checkbox', { name: 'Famiglia' }).check()
    await dialog.getByLabel(/^Esito/).selectOption({ label: 'Ascoltata' })
    await who.selectOption({ label: 'Un familiare o un amico' })
    await screenshot(desk, 'console-close-dialog-new-fields-1280')
    assert.deepEqual(await wcagViolations(desk), [])
    await dialog.getByRole('button', { name: 'Chiudi la conversazione' }).click()
    await dialog.waitFor({ state: 'detached' })
    const facts = await server.pool.query<{ categories: string[]; outcome: Record<string, string> }>(
      'select categories, outcome from conversation_fact where helpline_id = $1',
      [line.helplineId],
    )
    assert.deepEqual(facts.rows[0]?.categories, ['famiglia'])
    assert.deepEqual(facts.rows[0]?.outcome, {
      outcome: 'listened',
      'chi-ha-scritto': 'un-familiare-o-un-amico',
    })
    // Giulia's shift ends: only Marco will be free in the next test
    await desk.getByLabel('Disponibilità').selectOption({ label: 'Non in linea' })
    await eventually('Giulia is offline', async () => {
      const { rows } = await server.pool.query('select availability from app_user where id = $1', [
        volunteer.userId,
      ])
      return rows[0]?.availability === 'offline'
    })
  })

  it('switches to automatic assignment: the next person goes to the free volunteer', async () => {
    const marco = await makeOperator(server, [{ helplineId: line.helplineId, role: 'volunteer' }], 'Marco')
    const page = await openSettings({ width: 390, height: 844 })
    const assignment = page.getByRole('group', { name: 'Assegnazione delle conversazioni' })
    await assignment.getByRole('radio', { name: /^In automatico/ }).check()
    await assignment.getByLabel('Conversazioni aperte al massimo per persona').fill('2')
    await assignment.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-assignment-390')
    await page.getByRole('group', { name: 'Categoria 1: Solitudine' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-categories-390')
    await save(page)
    await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
    assert.deepEqual(await wcagViolations(page), [])

    const desk = await openDesk(browser, server.url, marco.email, contexts)
    // the volunteer of the first test is away now: Marco is the one free volunteer
    await server.pool.query(
      `update app_user set availability = 'away' where id <> $2
          and id in (select user_id from membership where helpline_id = $1 and role = 'volunteer')`,
      [line.helplineId, marco.userId],
    )
    await writeIn(server, line.channelId, visitorToken(), 'Buonasera, posso scrivere qui?')
    await desk.getByRole('tab', { name: 'Le mie' }).click()
    const mine = desk.getByRole('tabpanel', { name: 'Le mie' }).getByRole('link', { name: /Persona #/ })
    await mine.waitFor()
    const { rows } = await server.pool.query<{ assignee_id: string }>(
      `select assignee_id from conversation where helpline_id = $1 and status = 'open'`,
      [line.helplineId],
    )
    assert.deepEqual(
      rows.map((r) => r.assignee_id),
      [marco.userId],
    )
  })

  it('sets the on-call number and review of flagged conversations; a flag alerts that number', async () => {
    const onCallNumber = '393331234567'
    const channel = await connectFakeWhatsApp(server, whatsapp, { helplineId: line.helplineId })
    const page = await openSettings()
    const onCall = page.getByRole('group', { name: 'Avviso al reperibile e revisione' })
    // nobody on call yet: the form says what that means at night
    const nobody = onCall.getByText(/^Nessuno è avvisato fuori dalla console/)
    await nobody.waitFor()
    await onCall.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-no-on-call-1280')
    // a number without a channel: the server names the place
    await onCall.getByLabel('Numero o e-mail del reperibile').fill(onCallNumber)
    await save(page)
    const problems = page.getByRole('alert').filter({ hasText: 'Impostazioni non salvate' })
    await problems
      .getByRole('button', { name: "Avviso al reperibile e revisione › canale dell'avviso" })
      .click()
    const channelChoice = onCall.getByLabel("Canale dell'avviso")
    assert.equal(await channelChoice.evaluate((select) => select === document.activeElement), true)
    assert.equal(await channelChoice.getAttribute('aria-invalid'), 'true')
    assert.deepEqual(await channelChoice.locator('option').allTextContents(), [
      'Nessun avviso fuori dalla console',
      'WhatsApp',
    ])
    await channelChoice.selectOption({ label: 'WhatsApp' })
    await nobody.waitFor({ state: 'detached' })
    await onCall.getByLabel("Ripeti l'avviso ogni (minuti)").fill('10')
    await onCall.getByRole('checkbox', { name: /^Manda in revisione clinica/ }).check()
    // one volunteer here takes the person by hand
    await page
      .getByRole('group', { name: 'Assegnazione delle conversazioni' })
      .getByRole('radio', { name: /^A mano/ })
      .check()
    await onCall.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-on-call-1280')
    await save(page)
    await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
    assert.deepEqual(await wcagViolations(page), [])
    const narrow = await openSettings({ width: 390, height: 844 })
    await narrow.getByRole('group', { name: 'Avviso al reperibile e revisione' }).scrollIntoViewIfNeeded()
    await screenshot(narrow, 'console-settings-on-call-390')

    // saved as the coordinator set it; the address is the coordinator's to read, not the desk's
    const url = `${server.url}/api/helplines/${line.helplineId}`
    const saved = await call(`${url}/settings`, { cookie: coordinator.cookie })
    assert.deepEqual(saved.body.desk.onCall, {
      channelId: channel.channelId,
      address: onCallNumber,
      everyMinutes: 10,
    })
    assert.equal(saved.body.desk.reviewFlagged, true)
    const volunteer = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'volunteer' }],
      'Paolo',
    )
    const supervisor = await makeOperator(
      server,
      [{ helplineId: line.helplineId, role: 'supervisor' }],
      'Sara',
    )
    for (const path of ['settings', 'desk']) {
      const read = await call(`${url}/${path}`, { cookie: volunteer.cookie })
      assert.equal(read.status, 200)
      assert.equal(read.body.desk.onCall, undefined, `${path}: no on-call address for a volunteer`)
      assert.equal(read.body.desk.reviewFlagged, true)
    }
    assert.equal((await call(`${url}/channels`, { cookie: volunteer.cookie })).status, 403)

    // a flag raised: the alert goes to that number; closed, the conversation goes to review
    const text = 'Ho 13 anni e ho paura di tornare a casa'
    await writeIn(server, line.channelId, visitorToken(), text)
    const queue = await call(`${server.url}/api/conversations?status=waiting`, { cookie: volunteer.cookie })
    const id = queue.body.conversations.find((c: ConversationView) => c.preview === text).id as string
    await call(`${server.url}/api/conversations/${id}/take`, { cookie: volunteer.cookie, body: {} })
    const before = whatsapp.sent.length
    const raised = await call(`${server.url}/api/conversations/${id}/flags`, {
      cookie: volunteer.cookie,
      body: { kind: 'minor_at_risk', reason: 'Ha 13 anni e ha paura di tornare a casa' },
    })
    assert.equal(raised.status, 201)
    await eventually('the on-call number is alerted', () => whatsapp.sent.length > before)
    assert.equal(whatsapp.sent[before]?.to, onCallNumber)
    assert.match(whatsapp.sent[before]?.text ?? '', /segnalazione di tutela \(possibile minore a rischio\)/)
    const closed = await call(`${server.url}/api/conversations/${id}/close`, {
      cookie: volunteer.cookie,
      body: {
        categories: ['loneliness'],
        outcome: { outcome: 'listened', 'chi-ha-scritto': 'la-persona-stessa' },
      },
    })
    assert.equal(closed.status, 200)
    const reviews = await call(`${server.url}/api/reviews`, { cookie: supervisor.cookie })
    assert.deepEqual(
      reviews.body.reviews.map((r: ReviewView) => [r.conversationId, r.cause]),
      [[id, 'flagged']],
    )
  })
})

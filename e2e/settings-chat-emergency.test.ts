// Two parts of the settings file a coordinator used to edit by hand, now in the console: the web
// chat's questions and policy acceptance (seen at once by a person opening the chat), and the
// emergency take-in procedure (a step of choices without its answers named, then saved).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  call,
  makeHelpline,
  makeOperator,
  startTestServer,
  type TestServer,
} from '../apps/server/src/testing/test-server.ts'
import { launchBrowser, screenshot } from './browser.ts'
import { openDesk } from './desk-fixtures.ts'

describe('the chat questions and the emergency procedure in the settings form, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let line: { helplineId: string; channelId: string }
  let coordinator: Awaited<ReturnType<typeof makeOperator>>
  const contexts: BrowserContext[] = []

  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    line = await makeHelpline(server.pool)
    coordinator = await makeOperator(server, [{ helplineId: line.helplineId, role: 'coordinator' }], 'Chiara')
  })
  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.close()
  })

  async function openSettings(viewport: { width: number; height: number }) {
    const page = await openDesk(browser, server.url, coordinator.email, contexts, viewport)
    await page.getByRole('link', { name: 'Impostazioni' }).click()
    await page.getByRole('heading', { name: 'Impostazioni della linea' }).waitFor()
    return page
  }

  const save = async (page: Page) => {
    await page.getByRole('button', { name: 'Salva', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Impostazioni salvate' }).waitFor()
  }

  it('a question before the chat and the policy acceptance, saved and asked in the chat', async () => {
    const page = await openSettings({ width: 1280, height: 800 })

    const chat = page.getByRole('group', { name: 'Chat sul sito', exact: true })
    // no policy address yet: the form says what the acceptance needs
    await chat.getByText("Serve l'indirizzo dell'informativa").waitFor()
    await page.getByLabel("Indirizzo dell'informativa").fill('https://example.org/privacy')
    await page.getByLabel('Versione').fill('2026-12')
    await chat.getByLabel("Chi scrive accetta l'informativa sulla privacy prima del primo messaggio").check()

    await chat.getByRole('button', { name: 'Aggiungi domanda' }).click()
    const question = chat.getByRole('group', { name: /^Domanda 1/ })
    await question.getByLabel('Nome in italiano').first().fill('Quanti anni hai?')
    await question.getByLabel('Risposta obbligatoria per iniziare la chat').check()
    const answers = question.getByRole('group', { name: 'Risposte possibili' })
    await answers.getByLabel('Nome in italiano').nth(0).fill('Meno di 18')
    await answers.getByLabel('Nome in italiano').nth(1).fill('18 o più')
    await chat.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-settings-chat-1280')
    await save(page)

    const saved = await call(`${server.url}/api/helplines/${line.helplineId}/settings`, {
      cookie: coordinator.cookie,
    })
    assert.deepEqual(saved.body.widget, {
      requirePolicy: true,
      questions: [
        {
          id: 'quanti-anni-hai',
          label: { it: 'Quanti anni hai?' },
          options: [
            { id: 'meno-di-18', label: { it: 'Meno di 18' } },
            { id: '18-o-piu', label: { it: '18 o più' } },
          ],
          required: true,
        },
      ],
    })

    // the person opening the chat is asked them, before any message box
    const person = await page.context().newPage()
    await person.goto(`${server.url}/chat/${line.channelId}`)
    await person
      .getByRole('group', { name: 'Quanti anni hai?' })
      .getByRole('radio', { name: '18 o più' })
      .waitFor()
    await person.getByRole('checkbox', { name: "Ho letto e accetto l'informativa" }).waitFor()
    assert.equal(await person.getByRole('textbox', { name: 'Scrivi un messaggio' }).count(), 0)
  })

  it('the emergency procedure: a step of choices without answers is named, fixed and saved', async () => {
    const page = await openSettings({ width: 390, height: 844 })

    const procedure = page.getByRole('group', { name: 'Presa in carico in emergenza', exact: true })
    await procedure.getByRole('button', { name: 'Aggiungi passo' }).click()
    const first = procedure.getByRole('group', { name: /^Passo 1/ })
    await first.getByLabel('Nome in italiano').fill('Dove si trova ora la persona')
    await first.getByLabel('Che cosa si registra').selectOption('place')
    await procedure.getByRole('button', { name: 'Aggiungi passo' }).click()
    const second = procedure.getByRole('group', { name: /^Passo 2/ })
    await second.getByLabel('Nome in italiano').first().fill('Bisogni')
    await second.getByLabel('Che cosa si registra').selectOption('choices')
    const needs = second.getByRole('group', { name: 'Risposte possibili' })
    await needs.getByLabel('Nome in italiano').nth(0).fill('Cure mediche')
    await page.getByRole('button', { name: 'Salva', exact: true }).click()

    // the second answer has no name: the server names it, the form marks it
    const problems = page.getByRole('alert')
    await problems.getByText('Problemi da correggere: 1').waitFor()
    const [item] = await problems.getByRole('listitem').allTextContents()
    assert.match(item ?? '', /^Presa in carico in emergenza › Passo 2 › risposte possibili › Risposta 2/)
    assert.equal(await needs.getByLabel('Nome in italiano').nth(1).getAttribute('aria-invalid'), 'true')
    await screenshot(page, 'console-settings-emergency-390')

    await needs.getByLabel('Nome in italiano').nth(1).fill('Un posto sicuro per dormire')
    await save(page)
    const saved = await call(`${server.url}/api/helplines/${line.helplineId}/settings`, {
      cookie: coordinator.cookie,
    })
    assert.deepEqual(
      saved.body.cases.emergency.steps.map((s: { id: string; field: string }) => [s.id, s.field]),
      [
        ['dove-si-trova-ora-la-persona', 'place'],
        ['bisogni', 'choices'],
      ],
    )
  })
})

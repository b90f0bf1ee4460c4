// Accounts for browser tests about signing in: a person with a role on a helpline, made with the
// core's own use-cases, and the sign-in form filled as a person would.
import { randomUUID } from 'node:crypto'
import { addMembership, createUser } from '@ascolto/core'
import type { Role } from '@ascolto/protocol'
import type { Page } from 'playwright-core'
import { TEST_PASSWORD, type TestServer } from '../apps/server/src/testing/test-server.ts'

export async function makePerson(server: TestServer, helplineId: string, role: Role, displayName: string) {
  const email = `${randomUUID().slice(0, 8)}@example.org`
  const user = await createUser(server.pool, { email, displayName, password: TEST_PASSWORD })
  await addMembership(server.pool, { userId: user.id, helplineId, role })
  return { userId: user.id, email }
}

export async function signIn(page: Page, url: string, email: string, password = TEST_PASSWORD) {
  await page.goto(url)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Accedi' }).click()
}

/** Signs out from the console's header and waits for the sign-in form: navigating away sooner can
 * cancel the sign-out's request and leave the session open. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Esci' }).click()
  await page.getByLabel('E-mail').waitFor()
}

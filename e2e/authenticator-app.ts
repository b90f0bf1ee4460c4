// An account whose second factor is already the authenticator app, confirmed as the app would
// (for browser tests about what comes after it), and the code the app shows at the next step.
import { confirmTotpEnrolment, startTotpEnrolment } from '@ascolto/core'
import { generate } from 'otplib'
import type { TestServer } from '../apps/server/src/testing/test-server.ts'

/** Sets up the app for this user; answers the code for their next sign-in (the next 30-second step). */
export async function setUpAuthenticatorApp(server: TestServer, userId: string): Promise<string> {
  const { secret } = await startTotpEnrolment(server.pool, server.services.keyring, userId)
  const now = Math.floor(Date.now() / 1000)
  await confirmTotpEnrolment(
    server.pool,
    server.services.keyring,
    userId,
    await generate({ secret, epoch: now }),
  )
  return generate({ secret, epoch: now + 30 })
}

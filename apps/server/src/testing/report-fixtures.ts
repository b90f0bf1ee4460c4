// What the report form's tests share: the anti-trafficking line's settings file (its default form)
// on a test helpline, and a report sent as the page sends it, proof of work solved.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { importHelplineSettings } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { ReportChallenge } from '@ascolto/protocol'
import { solveChallenge } from 'altcha-lib/v1'
import { call } from './test-server.ts'

const root = path.resolve(import.meta.dirname, '../../../..')

/** docs/settings/anti-trafficking-line.json, with the form of its "Segnala". */
export function antiTraffickingSettings() {
  return JSON.parse(readFileSync(path.join(root, 'docs/settings/anti-trafficking-line.json'), 'utf8'))
}

export const giveReportForm = (pool: Pool, helplineId: string) =>
  importHelplineSettings(pool, helplineId, antiTraffickingSettings())

/** ALTCHA's payload for a challenge of the server: what the page's script computes. */
export async function solvedChallenge(
  serverUrl: string,
  channelId: string,
  headers: Record<string, string> = {},
) {
  const asked = await call(`${serverUrl}/api/widget/v1/channels/${channelId}/report/challenge`, { headers })
  const challenge = asked.body as ReportChallenge
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise
  if (!solution) throw new Error('challenge not solved')
  return Buffer.from(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution.number,
      salt: challenge.salt,
      signature: challenge.signature,
    }),
  ).toString('base64')
}

/** A report as the form sends it: answers by question id. */
export async function sendReport(
  serverUrl: string,
  channelId: string,
  answers: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return call(`${serverUrl}/api/widget/v1/channels/${channelId}/report`, {
    headers,
    body: { answers, language: 'it', altcha: await solvedChallenge(serverUrl, channelId, headers) },
  })
}

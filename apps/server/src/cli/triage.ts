// `ascolto triage [--helpline S]`: messages one per line on standard input, one JSON line each on
// standard output ({"level", "kinds", "phrases"}), so that anyone can check the triage against
// their own messages. With a helpline, its own phrases and the kinds it turned off apply.
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { loadHelplineSettings, triageMessage } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import type { TriageSettings } from '@ascolto/protocol'
import { helplineIdOf } from './settings.ts'

export async function triageSettingsOf(db: Queryable, slug: string): Promise<TriageSettings | undefined> {
  return (await loadHelplineSettings(db, await helplineIdOf(db, slug))).triage
}

export async function triageLines(input: Readable, output: Writable, settings?: TriageSettings) {
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    const { level, kinds, phrases } = triageMessage(line, settings)
    if (!output.write(`${JSON.stringify({ level, kinds, phrases })}\n`)) {
      await new Promise((resolve) => output.once('drain', resolve))
    }
  }
}

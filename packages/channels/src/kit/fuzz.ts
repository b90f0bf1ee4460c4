// What the parsers' property tests share (fast-check): a provider's documented payload with some
// of its values, at any depth, replaced by anything or removed; and the property every parser
// keeps: whole events, or a WebhookPayloadError (the route's 400), never another error.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { type WebhookEvents, WebhookPayloadError } from './contract.ts'

const KINDS = new Set([
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'interactive',
  'voicemail',
  'unsupported',
])
const STATUSES = new Set(['sent', 'delivered', 'read', 'failed'])

type Path = Array<string | number>

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value) ? [...value.entries()] : Object.entries(value)
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))]
}

function withChange(value: unknown, path: Path, change: { remove: boolean; value: unknown }): unknown {
  if (path.length === 0) return change.remove ? undefined : change.value
  if (value === null || typeof value !== 'object') return value
  const [key, ...rest] = path as [string | number, ...Path]
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>
  if (rest.length === 0 && change.remove) delete copy[key]
  else copy[key] = withChange(copy[key], rest, change)
  return copy
}

/** One of the payloads, with one to four of its values replaced by any JSON or removed. */
export function mutationsOf(payloads: unknown[], leaf: fc.Arbitrary<unknown> = fc.jsonValue()) {
  return fc.constantFrom(...payloads).chain((base) => {
    const paths = pathsOf(base)
    return fc
      .array(fc.record({ at: fc.nat(paths.length - 1), remove: fc.boolean(), value: leaf }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((changes) =>
        changes.reduce((current, change) => withChange(current, paths[change.at] ?? [], change), base),
      )
  })
}

/**
 * The seed of this run's property tests: ASCOLTO_FUZZ_SEED replays a failed run, else a new one
 * each run (so runs explore), named in every failure: fast-check's own message says `seed: N`,
 * and withFuzzSeed adds it to the failures of tests that draw samples themselves.
 */
export const FUZZ_SEED = Number(process.env.ASCOLTO_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31)

/** fast-check's options for this run: its number of cases, under the run's seed. */
export const fuzzRuns = (numRuns: number) => ({ numRuns, seed: FUZZ_SEED })

/** Runs a test that draws its own samples (fc.sample with fuzzRuns); a failure names the seed to replay it. */
export async function withFuzzSeed(run: () => Promise<void> | void) {
  try {
    await run()
  } catch (error) {
    throw new Error(`failed with ASCOLTO_FUZZ_SEED=${FUZZ_SEED}: ${String(error)}`, { cause: error })
  }
}

/** How often each door was taken, so a test can tell it reached the deep paths. */
export type Seen = { refused: number; messages: number; statuses: number }

export function parsesOrRefuses(parse: () => WebhookEvents, seen: Seen) {
  let events: WebhookEvents
  try {
    events = parse()
  } catch (error) {
    assert.ok(error instanceof WebhookPayloadError, `not a payload error: ${String(error)}`)
    assert.ok(error.message.length > 0)
    seen.refused++
    return
  }
  for (const message of events.messages) {
    assert.ok(typeof message.providerMessageId === 'string' && message.providerMessageId.length > 0)
    assert.ok(typeof message.from === 'string' && message.from.length > 0)
    assert.ok(KINDS.has(message.kind), message.kind)
    assert.equal(typeof message.text, 'string')
    assert.ok(message.receivedAt instanceof Date && !Number.isNaN(message.receivedAt.getTime()))
    if (message.media) assert.ok(typeof message.media.providerMediaId === 'string')
  }
  for (const status of events.statuses) {
    assert.ok(STATUSES.has(status.status))
    assert.ok(status.providerMessageId.length > 0)
  }
  for (const reason of events.ignored) assert.equal(typeof reason, 'string')
  seen.messages += events.messages.length
  seen.statuses += events.statuses.length
}

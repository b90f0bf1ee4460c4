// The property tests are seeded and a failure names its seed: ASCOLTO_FUZZ_SEED=N replays it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { FUZZ_SEED, fuzzRuns, withFuzzSeed } from './fuzz.ts'

test('a property that fails names the run’s seed, and the seed draws the same cases again', async () => {
  assert.throws(
    () =>
      fc.assert(
        fc.property(fc.nat(), (n) => n < 0),
        fuzzRuns(10),
      ),
    (error: Error) => error.message.includes(`seed: ${FUZZ_SEED}`),
  )
  await assert.rejects(
    withFuzzSeed(() => assert.fail('a drawn sample broke the rule')),
    (error: Error) => error.message.startsWith(`failed with ASCOLTO_FUZZ_SEED=${FUZZ_SEED}:`),
  )
  const drawn = () => fc.sample(fc.string(), fuzzRuns(20))
  assert.deepEqual(drawn(), drawn())
})

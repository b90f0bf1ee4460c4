// For the tests of other packages: generators of what providers could post (fast-check).
export { FUZZ_SEED, fuzzRuns, withFuzzSeed } from './kit/fuzz.ts'
export { arbitraryPayload as arbitraryWhatsAppPayload } from './whatsapp/fixtures/arbitrary-payload.ts'

// For the tests of other packages: generators of what providers could post (fast-check).
export { arbitraryPayload as arbitraryWhatsAppPayload } from './whatsapp/fixtures/arbitrary-payload.ts'

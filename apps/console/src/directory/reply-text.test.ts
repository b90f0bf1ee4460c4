import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DirectoryService } from '@ascolto/protocol'
import { directoryReplyText } from './reply-text.ts'

const service: DirectoryService = {
  id: '00000000-0000-4000-8000-000000000001',
  helplineId: '00000000-0000-4000-8000-000000000002',
  organisation: 'Numero Verde Antitratta',
  service: 'Ascolto e orientamento',
  topics: [],
  languages: ['it', 'ro'],
  reach: '800 290 290',
  openingHours: '24 ore su 24',
  replyTexts: { it: 'Chiama l’800 290 290.', ro: 'Sună la 800 290 290.' },
  stale: false,
}

describe('the text a service puts into a reply', () => {
  it("is in the person's language where the directory has it", () => {
    assert.equal(directoryReplyText(service, { person: 'ro', helpline: ['it'] }), 'Sună la 800 290 290.')
  })
  it("falls back to the helpline's first language, then to the service's details", () => {
    assert.equal(
      directoryReplyText(service, { person: 'ar', helpline: ['it', 'en'] }),
      'Chiama l’800 290 290.',
    )
    assert.equal(
      directoryReplyText({ ...service, replyTexts: {} }, { person: null, helpline: ['it'] }),
      'Numero Verde Antitratta – Ascolto e orientamento\n800 290 290\n24 ore su 24',
    )
  })
})

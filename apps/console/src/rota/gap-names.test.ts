/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import i18next from 'i18next'
import en from '../i18n/en.json' with { type: 'json' }
import it_ from '../i18n/it.json' with { type: 'json' }
import { gapName } from './gap-names.ts'

const ZONE = 'Europe/Rome'

describe('gapName', async () => {
  const i18n = i18next.createInstance()
  await i18n.init({ lng: 'it', resources: { it: { translation: it_ }, en: { translation: en } } })
  const cases: Array<[string, Parameters<typeof gapName>[0], string]> = [
    [
      'it',
      {
        kind: 'missing',
        role: 'volunteer',
        missing: 1,
        startsAt: '2026-03-07T18:00:00Z',
        endsAt: '2026-03-07T20:00:00Z',
      },
      'sabato 19–21: volontariato, manca 1 persona',
    ],
    [
      'it',
      {
        kind: 'missing',
        role: 'volunteer',
        missing: 2,
        startsAt: '2026-03-07T18:00:00Z',
        endsAt: '2026-03-07T20:30:00Z',
      },
      'sabato 19–21:30: volontariato, mancano 2 persone',
    ],
    [
      'it',
      { kind: 'no_supervision', startsAt: '2026-03-03T12:00:00Z', endsAt: '2026-03-03T14:00:00Z' },
      'nessuna supervisione martedì 13–15',
    ],
    [
      'it',
      { kind: 'unstaffed', startsAt: '2026-07-01T16:00:00Z', endsAt: '2026-07-01T19:00:00Z' },
      'mercoledì 18–21: nessuno in turno',
    ],
    [
      'en',
      {
        kind: 'missing',
        role: 'supervisor',
        missing: 1,
        startsAt: '2026-03-07T18:00:00Z',
        endsAt: '2026-03-07T20:00:00Z',
      },
      'Saturday 19–21: 1 supervisor missing',
    ],
  ]
  for (const [lng, gap, said] of cases) {
    it(said, () => assert.equal(gapName(gap, ZONE, lng, i18n.getFixedT(lng)), said))
  }
})

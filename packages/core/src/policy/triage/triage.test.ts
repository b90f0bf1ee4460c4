import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { RiskLevel, TriageKind } from '@ascolto/protocol'
import { triageMessage } from './triage.ts'

const S: TriageKind = 'suicide_self_harm'
const V: TriageKind = 'violence_abuse'
const M: TriageKind = 'minor_at_risk'
const T: TriageKind = 'trafficking_exploitation'
const D: TriageKind = 'substance_emergency'

describe('triage of one message', () => {
  const cases: Array<[string, RiskLevel, TriageKind[]]> = [
    // time makes a wish imminent
    ['stanotte voglio farla finita', 'imminent', [S]],
    ['voglio farla finita', 'high', [S]],
    ['I want to kill myself tonight', 'imminent', [S]],
    // negation, near and at a distance
    ['non voglio morire', 'none', []],
    ['mai pensato di farmi del male', 'none', []],
    ['non ho mai pensato seriamente al suicidio', 'none', []],
    ["I don't want to die, I just want to talk", 'none', []],
    // a negation elsewhere does not deny the wish
    ['non mangio da giorni voglio morire', 'high', [S]],
    // idioms
    ['mi ammazzo di lavoro tutta la settimana', 'none', []],
    ['muoio dal ridere', 'none', []],
    ['sto morendo di fame, cosa mangiamo?', 'none', []],
    ['voglio farla finita con lui, mi tradisce', 'none', []],
    ['this homework is killing me', 'none', []],
    ['je meurs de faim', 'none', []],
    ['se perdo ancora mi ammazzo ahahah', 'none', []],
    // someone else at risk is still risk
    ['la mia amica dice che vuole farla finita', 'high', [S]],
    // plans and means
    ['ho le pastiglie', 'medium', [S]],
    ['ho le pastiglie pronte e voglio farla finita', 'imminent', [S]],
    ['sono sul ponte e voglio buttarmi', 'imminent', [S]],
    ['ho preso tutte le pastiglie', 'imminent', [S]],
    // accents, spaces, shorthand, letters held down
    ['vogliomorire', 'high', [S]],
    ['nn ce la faccio piu voglio morireeee', 'high', [S]],
    ['Perché devo vivere così, voglio farla finità', 'high', [S]],
    // dialect
    ['me voglio accidere', 'high', [S]],
    // a past told as past
    ['anni fa ho tentato il suicidio, ora sto meglio', 'medium', [S]],
    // a film is a subject, not a person
    ['ho visto un film sul suicidio', 'none', []],
    // the other kinds
    ['ho 14 anni e mio padre mi picchia', 'high', [V, M]],
    ['mio marito è qui fuori con un coltello', 'imminent', [V]],
    ['il mio amico non respira dopo aver preso eroina', 'imminent', [D]],
    ['mia madre non respira bene quando sale le scale', 'none', []],
    ['mi hanno preso il passaporto e mi costringono a prostituirmi', 'high', [T]],
    ['my boyfriend hits me and checks my phone', 'high', [V]],
    ['quiero morir', 'high', [S]],
    ['vreau sa mor', 'high', [S]],
    ['je veux mourir ce soir', 'imminent', [S]],
    ['buongiorno, vorrei informazioni sugli orari', 'none', []],
    ['', 'none', []],
  ]
  for (const [text, level, kinds] of cases) {
    it(`${JSON.stringify(text)} → ${level} ${kinds.join(',')}`, () => {
      const triage = triageMessage(text)
      assert.equal(triage.level, level)
      assert.deepEqual(triage.kinds, kinds)
      assert.equal(triage.phrases.length > 0, level !== 'none')
    })
  }

  it('names the phrases that led to the level', () => {
    assert.deepEqual(triageMessage('Stanotte voglio farla finita').phrases, [
      'voglio farla finita',
      'stanotte',
    ])
  })

  it("adds the helpline's own phrases, and still reads a negation before them", () => {
    const settings = { phrases: [{ text: 'ragazza sparita', kind: T, level: 'high' as const }] }
    assert.deepEqual(triageMessage('Una ragazza sparita dal centro', settings).kinds, [T])
    assert.equal(triageMessage('non è una ragazza sparita', settings).level, 'none')
    assert.equal(triageMessage('Una ragazza sparita dal centro').level, 'none')
  })

  it('leaves out the kinds a helpline turned off', () => {
    const triage = triageMessage('ho 14 anni e mio padre mi picchia', { kindsOff: [V] })
    assert.deepEqual(triage.kinds, [M])
    assert.deepEqual(triageMessage('mi picchia', { kindsOff: [V] }), {
      level: 'none',
      kinds: [],
      phrases: [],
    })
  })
})

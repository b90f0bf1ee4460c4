import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchesWordList } from './moderation.ts'

describe('word-list flagging', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['Sei un IDIOTA!', ['idiota'], true],
    ['idiotamente no', ['idiota'], false],
    ['Perché?', ['perche'], true],
    ['compra ora, offerta speciale', ['offerta speciale'], true],
    ['offerta, speciale', ['offerta speciale'], true],
    ['ciao', [], false],
    ['ciao', ['  '], false],
  ]
  for (const [text, words, expected] of cases) {
    it(`${JSON.stringify(text)} with ${JSON.stringify(words)} → ${expected}`, () => {
      assert.equal(matchesWordList(text, words), expected)
    })
  }
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CannedReply } from '@ascolto/protocol'
import { cannedMatches, insertCanned } from './canned-suggestions.ts'

const reply = (shortcut: string, text: string): CannedReply => ({
  id: shortcut,
  helplineId: 'h',
  shortcut,
  title: shortcut,
  text,
})
const replies = [
  reply('benvenuto', 'Ciao, ti ascolto.'),
  reply('bentornato', 'Bentornata!'),
  reply('saluti', 'A presto'),
]

describe('canned replies after a slash', () => {
  it('offers the shortcuts that start with what follows the slash', () => {
    assert.deepEqual(
      cannedMatches('/ben', replies).map((r) => r.shortcut),
      ['benvenuto', 'bentornato'],
    )
    assert.equal(cannedMatches('/', replies).length, 3)
    assert.deepEqual(
      cannedMatches('Grazie. /sal', replies).map((r) => r.shortcut),
      ['saluti'],
    )
  })
  it('offers nothing without a slash command at the end', () => {
    assert.deepEqual(cannedMatches('e/o', replies), [])
    assert.deepEqual(cannedMatches('/ben poi', replies), [])
    assert.deepEqual(cannedMatches('http://x', replies), [])
  })
  it('puts the text where the command was, keeping what came before', () => {
    assert.equal(insertCanned('/benv', replies[0] as CannedReply), 'Ciao, ti ascolto.')
    assert.equal(insertCanned('Grazie. /sa', replies[2] as CannedReply), 'Grazie. A presto')
  })
})

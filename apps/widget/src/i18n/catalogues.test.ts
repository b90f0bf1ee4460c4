// Every language file has the Italian catalogue's words, no more and no fewer, with the same
// {placeholders}: a missing word would show blank to a person, a lost {time} would drop the hour.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { ITALIAN_WORDS, LANGUAGES } from '../i18n.ts'

const placeholders = (words: Record<string, string>) =>
  Object.fromEntries(Object.entries(words).map(([key, text]) => [key, (text.match(/\{\w+\}/g) ?? []).sort()]))

describe('the widget’s language files', () => {
  const files = readdirSync(import.meta.dirname).filter((file) => file.endsWith('.json'))

  it('exist for every language the widget offers but Italian', () => {
    assert.deepEqual(
      files.map((file) => file.slice(0, 2)).sort(),
      Object.keys(LANGUAGES)
        .filter((language) => language !== 'it')
        .sort(),
    )
  })

  for (const file of files)
    it(`${file} has every word, with the same placeholders`, () => {
      const catalogue = JSON.parse(readFileSync(`${import.meta.dirname}/${file}`, 'utf8'))
      for (const part of ['chat', 'report'] as const) {
        assert.deepEqual(
          Object.keys(catalogue[part]),
          Object.keys(ITALIAN_WORDS[part]),
          `${file} ${part}: keys`,
        )
        assert.deepEqual(placeholders(catalogue[part]), placeholders(ITALIAN_WORDS[part]), `${file} ${part}`)
        for (const [key, text] of Object.entries(catalogue[part]))
          assert.ok(typeof text === 'string' && text.trim(), `${file} ${part}.${key} is empty`)
      }
    })
})

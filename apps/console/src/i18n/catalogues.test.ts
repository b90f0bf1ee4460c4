/// <reference types="node" />
// Every catalogue has exactly the keys of the Italian one, so no screen falls back half-translated.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import en from './en.json' with { type: 'json' }
import it from './it.json' with { type: 'json' }

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keys(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

test('the English catalogue has the keys of the Italian one', () => {
  assert.deepEqual(keys(en).sort(), keys(it).sort())
})

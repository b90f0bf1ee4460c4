import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { overridesDropped, splitLinks } from './links.ts'

const links = (text: string) => splitLinks(text).flatMap((part) => (part.href ? [part.href] : []))

describe('links in a message', () => {
  it('finds http and https addresses written out, and keeps the rest as it was', () => {
    const text = 'Guarda https://www.telefonoazzurro.it/aiuto oppure http://example.org?q=1&x=2 grazie'
    const parts = splitLinks(text)
    assert.equal(parts.map((part) => part.text).join(''), text)
    assert.deepEqual(links(text), ['https://www.telefonoazzurro.it/aiuto', 'http://example.org/?q=1&x=2'])
  })

  it('leaves every other scheme, and what only looks like an address, as text', () => {
    for (const text of [
      'javascript:alert(1)',
      'clicca javascript:alert(document.cookie)//https',
      'data:text/html,<script>alert(1)</script>',
      'www.example.org',
      'scrivi a aiuto@example.org',
      'ftp://example.org/file',
      'xhttps://example.org',
      'https://',
      'http:///etc/passwd',
    ])
      assert.deepEqual(links(text), [], text)
  })

  it('leaves out the punctuation that ends a sentence, keeps brackets the address opened', () => {
    assert.deepEqual(links('Vai su https://example.org/a.'), ['https://example.org/a'])
    assert.deepEqual(links('(vedi https://example.org/a), poi'), ['https://example.org/a'])
    assert.deepEqual(links('«https://example.org/b»!'), ['https://example.org/b'])
    assert.deepEqual(links('https://it.wikipedia.org/wiki/Roma_(città).'), [
      'https://it.wikipedia.org/wiki/Roma_(citt%C3%A0)',
    ])
  })

  it('shows an address as it was written, and gives back plain text whole', () => {
    assert.deepEqual(splitLinks('https://example.org/città'), [
      { text: 'https://example.org/città', href: 'https://example.org/citt%C3%A0' },
    ])
    assert.deepEqual(splitLinks(''), [{ text: '' }])
    assert.deepEqual(splitLinks('ciao'), [{ text: 'ciao' }])
  })

  it('shows the text in the order it was written: no override turns it around', () => {
    assert.deepEqual(splitLinks('fattura\u202Efdp.exe'), [{ text: 'fatturafdp.exe' }])
    assert.deepEqual(splitLinks('\u202Dhttps://example.org'), [
      { text: 'https://example.org', href: 'https://example.org/' },
    ])
    // a right-to-left mark and an isolate are the language's own, kept
    assert.deepEqual(splitLinks('مرحبا\u200F \u2067نص\u2069'), [{ text: 'مرحبا\u200F \u2067نص\u2069' }])
  })

  it('parses an answer with every string, however deep, without overrides', () => {
    const answer = '{"user":{"displayName":"Giulia\\u202E"},"titles":["a\\u202Db",3,null],"rtl":"\u200Fنص"}'
    assert.deepEqual(JSON.parse(answer, overridesDropped), {
      user: { displayName: 'Giulia' },
      titles: ['ab', 3, null],
      rtl: '\u200Fنص',
    })
  })
})

// What a person wrote, without what their mail program quoted: a table of the ways Gmail, Apple
// Mail, Outlook and Thunderbird mark the history, in Italian and English.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { htmlAsText } from './parse-mail.ts'
import { stripQuoted } from './strip-quoted.ts'

const cases: Array<[string, string, string]> = [
  ['plain text', 'Ciao,\nvorrei parlare.', 'Ciao,\nvorrei parlare.'],
  [
    'Gmail in Italian, the attribution wrapped',
    'Sì, domani.\n\nIl giorno mar 1 dic 2026 alle ore 18:00 Linea di ascolto <\nascolto@example.org> ha scritto:\n> Ci sentiamo domani?',
    'Sì, domani.',
  ],
  ['Gmail in English', 'Yes.\n\nOn Tue, Dec 1, 2026 at 6:00 PM Line <a@example.org> wrote:\n> When?', 'Yes.'],
  [
    'Apple Mail in Italian',
    'Va bene\n\nIl giorno 1 dic 2026, alle ore 18:00, Linea <a@example.org> ha scritto:\n\n> Ok',
    'Va bene',
  ],
  [
    'Outlook in Italian',
    'Grazie mille\r\n\r\nDa: Linea di ascolto <a@example.org>\r\nInviato: martedì 1 dicembre 2026 18:00\r\nA: Giulia\r\nOggetto: Re: aiuto',
    'Grazie mille',
  ],
  ['Outlook, the old separator', 'Ok\n\n-----Original Message-----\nFrom: x', 'Ok'],
  ['quoted lines at the end, no attribution', 'Ricevuto.\n\n> la tua domanda\n> continua', 'Ricevuto.'],
  ['a signature', 'A domani\n-- \nGiulia R.\nTel. 333 1234567', 'A domani'],
  ['a quote kept when it is everything', '> solo una citazione', '> solo una citazione'],
  [
    'quoted text inside the reply stays',
    '> tu hai scritto questo\nio rispondo così',
    '> tu hai scritto questo\nio rispondo così',
  ],
]

describe('quoted history stripped', () => {
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(stripQuoted(input), expected))
  }
})

describe('HTML mail as text', () => {
  it('no markup, no scripts, no image URLs, no link targets, no quoted history', () => {
    assert.equal(
      htmlAsText(
        '<p>Ciao <b>Anna</b>, leggi <a href="https://phish.example">qui</a>.</p><img src="https://t.example/p.gif" alt="pixel"><script>steal()</script><style>p{}</style><blockquote>vecchio</blockquote><div class="gmail_quote">Il giorno … ha scritto</div>',
      ),
      'Ciao Anna, leggi qui.',
    )
  })
})

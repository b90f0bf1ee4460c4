// The tables of the period as sheets: crafted statistics where one answer of the survey, one case
// outcome, one referral and one report answer would single out a person, put through the
// small-cell rule as describeStatistics does, then laid out: '<5' for the small cell, '*' for the
// one beside it that the shown total would give it away by, the helpline's words.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Statistics } from '@ascolto/protocol'
import { periodSheet } from './period-sheets.ts'
import { suppressStatistics } from './suppress-statistics.ts'

const times = { median: null, average: null }
const door = {
  channelId: '00000000-0000-4000-8000-000000000001',
  channelName: null,
  channelKind: 'webchat',
  closed: 20,
  answered: 12,
  firstResponse: { median: 60, average: 90 },
  duration: times,
  abandoned: 0,
  abandonedWait: times,
  queue: { median: 40, average: 75 },
}
const counted: Statistics = {
  helplineId: '00000000-0000-4000-8000-000000000009',
  from: '2024-03-01',
  to: '2024-03-31',
  minimumCell: 5,
  language: 'it',
  channels: [door],
  total: { ...door },
  calls: [],
  cases: [
    {
      kind: 'standard',
      opened: 12,
      closed: 11,
      duration: { median: 86_400, average: 90_000 },
      contacts: { median: 1, average: 1.5 },
      conversations: times,
      outcomes: [
        { outcome: 'goal-reached', count: 9 },
        { outcome: 'declined', count: 2 },
      ],
    },
  ],
  referrals: [
    {
      direction: 'out',
      partner: 'SerD Milano',
      total: 10,
      states: [
        { state: 'in_charge', count: 9 },
        { state: 'refused', count: 1 },
      ],
      inChargeMedianSeconds: 3600,
    },
  ],
  categories: [],
  withoutCategory: 20,
  closingForm: [],
  survey: {
    questions: [{ id: 'helped', kind: 'yesNo', text: { it: 'Ti è stato utile?', en: 'Did it help?' } }],
    counts: [
      { channelId: door.channelId, questionId: 'helped', answer: 'yes', count: 9 },
      { channelId: door.channelId, questionId: 'helped', answer: 'no', count: 3 },
    ],
  },
  reports: {
    total: 8,
    questions: [
      {
        id: 'where',
        label: { it: 'Dove', en: 'Where' },
        answers: [
          { id: 'street', label: { it: 'In strada', en: 'On the street' }, count: 7 },
          { id: 'home', label: null, count: 1 },
        ],
      },
    ],
  },
}
const stats = suppressStatistics(counted, 5)

describe('the tables of the period as sheets', () => {
  it('lays out the doors with the time in queue beside the first response', () => {
    const [heading, row] = periodSheet(stats, 'conversations')
    assert.deepEqual(heading?.slice(3, 7), [
      'Tempo in coda, mediana (s)',
      'Tempo in coda, media (s)',
      'Prima risposta, mediana (s)',
      'Prima risposta, media (s)',
    ])
    assert.deepEqual(row?.slice(3, 7), [40, 75, 60, 90])
  })

  it('lays out the survey per question, door and answer, the 3 and the 9 beside it withheld', () => {
    assert.deepEqual(periodSheet(stats, 'survey'), [
      ['Domanda', 'Canale', 'Risposta', 'Persone'],
      ['Ti è stato utile?', 'Chat sul sito', 'sì', '*'],
      ['Ti è stato utile?', 'Chat sul sito', 'no', '<5'],
    ])
  })

  it('lays out the cases with a column per outcome, the 2 who declined and the 9 withheld', () => {
    assert.deepEqual(periodSheet(stats, 'casesByKind'), [
      [
        'Tipo',
        'Aperti',
        'Chiusi',
        'Durata, mediana (s)',
        'Durata, media (s)',
        'Persone per percorso (media)',
        'Conversazioni per percorso (media)',
        'Obiettivo raggiunto',
        'La persona ha rinunciato',
      ],
      ['Percorso di aiuto', 12, 11, 86_400, 90_000, 1.5, '', '*', '<5'],
    ])
  })

  it('lays out the referrals and the reports the same way, in English where the line speaks it', () => {
    assert.deepEqual(periodSheet({ ...stats, language: 'en' }, 'referralsByPartner'), [
      ['Service', 'Direction', 'Total', 'Taken in charge', 'Refused', 'Taken in charge, median (s)'],
      ['SerD Milano', 'Sent', 10, '*', '<5', 3600],
    ])
    assert.deepEqual(periodSheet(stats, 'reports'), [
      ['Domanda', 'Risposta', 'Segnalazioni'],
      ['Segnalazioni ricevute', '', 8],
      ['Dove', 'In strada', '*'],
      ['Dove', 'home (rimossa)', '<5'],
    ])
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type AutoReplyKind, decideAutoReplies, describeNextOpening } from './auto-reply.ts'
import {
  antiTrafficking,
  listeningLine,
  listeningLineWithExceptions,
  municipalDesk,
  nightLine,
  rome,
} from './helplines.fixture.ts'
import type { OpeningRules } from './schedule.ts'

describe('decideAutoReplies', () => {
  type Row = [
    name: string,
    rules: OpeningRules,
    at: string,
    first: boolean,
    sent: AutoReplyKind[],
    blocked: boolean,
    replies: AutoReplyKind[],
    attended?: boolean,
  ]
  const rows: Row[] = [
    ['first message while open', listeningLine, '2026-01-12 19:00', true, [], false, ['welcome']],
    [
      'first message at 22:00',
      listeningLine,
      '2026-01-12 22:00',
      true,
      [],
      false,
      ['welcome', 'out_of_hours'],
    ],
    [
      'second message that night',
      listeningLine,
      '2026-01-12 22:05',
      false,
      ['welcome', 'out_of_hours'],
      false,
      [],
    ],
    ['a returning contact while open', listeningLine, '2026-01-12 19:00', false, [], false, []],
    ['a returning contact at night', listeningLine, '2026-01-12 22:00', false, [], false, ['out_of_hours']],
    ['a blocked contact, first message at night', listeningLine, '2026-01-12 22:00', true, [], true, []],
    ['a blocked contact while open', listeningLine, '2026-01-12 19:00', false, [], true, []],
    ['on Easter Monday', listeningLine, '2026-04-06 19:00', false, [], false, ['holiday']],
    [
      'first message on Easter Monday',
      listeningLine,
      '2026-04-06 19:00',
      true,
      [],
      false,
      ['welcome', 'holiday'],
    ],
    ['a holiday morning', listeningLine, '2026-04-06 10:00', false, [], false, ['holiday']],
    ['a holiday, notice already sent', listeningLine, '2026-04-06 19:30', false, ['holiday'], false, []],
    [
      'a holiday after a night notice',
      listeningLine,
      '2026-04-06 10:00',
      false,
      ['out_of_hours'],
      false,
      ['holiday'],
    ],
    ['a closure period', listeningLineWithExceptions, '2026-08-12 19:00', false, [], false, ['closure']],
    [
      'a closed-day exception',
      listeningLineWithExceptions,
      '2026-12-24 19:00',
      false,
      [],
      false,
      ['closure'],
    ],
    // the trial's defect: a person in a conversation told the line was closed
    ['attended, past closing time', listeningLine, '2026-01-12 21:05', false, [], false, [], true],
    ['attended, on a holiday', listeningLine, '2026-04-06 19:00', false, [], false, [], true],
    ['attended, in a closure', listeningLineWithExceptions, '2026-08-12 19:00', false, [], false, [], true],
    [
      'attended, first message ever at night',
      listeningLine,
      '2026-01-12 22:00',
      true,
      [],
      false,
      ['welcome'],
      true,
    ],
    [
      'after special hours',
      listeningLineWithExceptions,
      '2026-12-25 19:00',
      false,
      [],
      false,
      ['out_of_hours'],
    ],
    ['the desk on a Sunday', municipalDesk, '2026-01-18 10:00', false, [], false, ['out_of_hours']],
    ['the desk on a Saturday holiday', municipalDesk, '2026-04-25 10:00', false, [], false, ['holiday']],
    ['a 24/7 line at 03:00', antiTrafficking, '2026-01-01 03:00', true, [], false, ['welcome']],
    ['a night range running into a holiday', nightLine, '2026-04-25 01:00', false, [], false, []],
  ]
  for (const [name, rules, at, first, sent, blocked, replies, attended = false] of rows) {
    it(`${name} → ${replies.join(' + ') || 'nothing'}`, () => {
      const input = {
        rules,
        instant: rome(at),
        isFirstMessageEver: first,
        alreadySentThisOpening: new Set(sent),
        contactBlocked: blocked,
        attended,
        imminentRisk: false,
      }
      assert.deepEqual(decideAutoReplies(input), replies)
    })
  }

  describe('a message that reads as an imminent risk', () => {
    const rows: [
      name: string,
      rules: OpeningRules,
      at: string,
      sent: AutoReplyKind[],
      replies: AutoReplyKind[],
      attended?: boolean,
      blocked?: boolean,
    ][] = [
      ['at night', listeningLine, '2026-01-12 22:00', [], ['out_of_hours', 'urgent']],
      [
        'at night, told already this opening',
        listeningLine,
        '2026-01-12 22:10',
        ['out_of_hours', 'urgent'],
        [],
      ],
      ['at night, after a plain message', listeningLine, '2026-01-12 22:10', ['out_of_hours'], ['urgent']],
      ['on Easter Monday', listeningLine, '2026-04-06 19:00', [], ['holiday', 'urgent']],
      ['while open: the line reads it first', listeningLine, '2026-01-12 19:00', [], []],
      ['a 24/7 line at 03:00', antiTrafficking, '2026-01-01 03:00', [], []],
      ['someone of the line is with the person', listeningLine, '2026-01-12 21:05', [], [], true],
      ['a blocked contact', listeningLine, '2026-01-12 22:00', [], [], false, true],
    ]
    for (const [name, rules, at, sent, replies, attended = false, blocked = false] of rows) {
      it(`${name} → ${replies.join(' + ') || 'nothing'}`, () => {
        const input = {
          rules,
          instant: rome(at),
          isFirstMessageEver: false,
          alreadySentThisOpening: new Set(sent),
          contactBlocked: blocked,
          attended,
          imminentRisk: true,
        }
        assert.deepEqual(decideAutoReplies(input), replies)
      })
    }
  })
})

describe('describeNextOpening', () => {
  const oneAm: OpeningRules = { ...nightLine, weekly: { sun: [{ start: '01:00', end: '04:00' }] } }
  const rows: [OpeningRules, string, it: string | null, en: string | null][] = [
    [listeningLine, '2026-01-12 10:00', 'oggi dalle 18:00', 'today from 18:00'],
    [listeningLine, '2026-01-12 22:00', 'domani dalle 18:00', 'tomorrow from 18:00'],
    [listeningLine, '2026-01-05 22:00', 'mercoledì dalle 18:00', 'Wednesday from 18:00'],
    [listeningLine, '2026-01-12 19:00', 'ora', 'now'],
    [municipalDesk, '2026-01-16 18:00', 'domani dalle 8:45', 'tomorrow from 8:45'],
    [municipalDesk, '2026-01-17 13:00', 'lunedì dalle 9:00', 'Monday from 9:00'],
    [municipalDesk, '2026-04-24 13:00', 'lunedì dalle 9:00', 'Monday from 9:00'],
    [
      listeningLineWithExceptions,
      '2026-08-09 22:00',
      'lunedì 24 agosto dalle 18:00',
      'Monday 24 August from 18:00',
    ],
    [oneAm, '2026-01-10 12:00', "domani dall'1:00", 'tomorrow from 1:00'],
    [{ ...listeningLine, weekly: {} }, '2026-01-12 10:00', null, null],
  ]
  for (const [rules, at, it_, en] of rows) {
    it(`${at}: ${it_} / ${en}`, () => {
      assert.equal(describeNextOpening(rules, rome(at), 'it'), it_)
      assert.equal(describeNextOpening(rules, rome(at), 'en'), en)
    })
  }
})

// The expected wait of each place, from the operators who can answer, their open conversations
// and the recent handling time; never a figure past the end of the shifts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectedWaits, typicalHandlingMinutes } from './expected-wait.ts'

const NOW = new Date('2026-03-07T19:00:00Z')
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

describe('expectedWaits', () => {
  const cases: Array<[string, Parameters<typeof expectedWaits>[0], number, (number | null)[]]> = [
    ['nobody can answer: no figure', { operators: [], perOperator: 1, handlingMinutes: 10 }, 2, [null, null]],
    [
      'no handling time known: no figure',
      { operators: [{ handlingSince: [], until: null }], perOperator: 1, handlingMinutes: null },
      1,
      [null],
    ],
    [
      'a free operator takes the first at once, the next after a whole conversation',
      { operators: [{ handlingSince: [], until: null }], perOperator: 1, handlingMinutes: 10 },
      3,
      [1, 10, 20],
    ],
    [
      'two busy operators: their conversations end at 4 and 10 minutes, then every 10',
      {
        operators: [
          { handlingSince: [ago(0)], until: null },
          { handlingSince: [ago(6)], until: null },
        ],
        perOperator: 1,
        handlingMinutes: 10,
      },
      3,
      [4, 10, 15],
    ],
    [
      'a conversation longer than usual is expected to go on a third of a usual one, not to have ended',
      { operators: [{ handlingSince: [ago(30)], until: null }], perOperator: 1, handlingMinutes: 10 },
      2,
      [4, 15],
    ],
    [
      'two at once: a second place is free now',
      { operators: [{ handlingSince: [ago(2)], until: null }], perOperator: 2, handlingMinutes: 10 },
      2,
      [1, 8],
    ],
    [
      'more open than the limit: a place frees only when the extra one has ended too',
      { operators: [{ handlingSince: [ago(8), ago(5)], until: null }], perOperator: 1, handlingMinutes: 10 },
      1,
      [5],
    ],
    [
      'past the end of the shift: no promise',
      { operators: [{ handlingSince: [], until: later(15) }], perOperator: 1, handlingMinutes: 10 },
      3,
      [1, 10, null],
    ],
    [
      'the operator whose shift goes on takes those the other cannot',
      {
        operators: [
          { handlingSince: [ago(9)], until: later(8) },
          { handlingSince: [ago(0)], until: later(120) },
        ],
        perOperator: 1,
        handlingMinutes: 10,
      },
      3,
      [4, 10, 20],
    ],
    [
      'too near the end of a shift to begin a conversation: no place there',
      { operators: [{ handlingSince: [ago(9)], until: later(3) }], perOperator: 1, handlingMinutes: 10 },
      1,
      [null],
    ],
  ]
  for (const [name, desk, places, expected] of cases) {
    it(name, () => assert.deepEqual(expectedWaits(desk, NOW, places), expected))
  }
})

describe('typicalHandlingMinutes', () => {
  it('says nothing from fewer than three', () => assert.equal(typicalHandlingMinutes([10, 12]), null))
  it('is the mean, long ones weighing', () => assert.equal(typicalHandlingMinutes([6, 9, 12, 21]), 12))
  it('counts a conversation forgotten open as three times the median at most', () =>
    assert.equal(typicalHandlingMinutes([10, 10, 10, 600]), 15))
})

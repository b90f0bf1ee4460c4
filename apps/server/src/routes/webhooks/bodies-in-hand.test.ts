import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bodiesInHand } from './bodies-in-hand.ts'

/** Takes places until refused; how many were given. */
function fill(hand: ReturnType<typeof bodiesInHand>) {
  let taken = 0
  while (hand.take()) taken++
  return taken
}

describe('bodies in hand', () => {
  it('holds the floor before any rate is known', () => {
    const hand = bodiesInHand(64, () => 0)
    assert.equal(fill(hand), 64)
    hand.done()
    assert.equal(hand.take(), true, 'a place given back is taken again')
    assert.equal(hand.take(), false)
  })

  it('holds 0.4 s of what it answered in the last second, and follows a burst by quarters', () => {
    let ms = 10_000
    const hand = bodiesInHand(64, () => ms)
    const answer = (count: number) => {
      for (let i = 0; i < count; i++) {
        assert.equal(hand.take(), true)
        hand.done()
      }
    }
    // 1,000 a second from a quiet start: 250 a quarter
    answer(250)
    assert.equal(hand.bound(), 64, 'the quarter is not over')
    ms = 10_250
    assert.equal(hand.bound(), 100, 'a quarter of a second known')
    answer(250)
    ms = 10_500
    answer(250)
    ms = 10_750
    answer(250)
    ms = 11_000
    assert.equal(hand.bound(), 400, 'a whole second at 1,000')
    assert.equal(fill(hand), 400)
    for (let i = 0; i < 400; i++) hand.done()
    ms = 11_250
    assert.equal(hand.bound(), 460, 'the last second: three quarters of 250 and the one of 400')
    ms = 12_250
    assert.equal(hand.bound(), 64, 'nothing answered in the last second')
  })

  it('refuses a body past the bound even while the bound is above the floor', () => {
    let ms = 0
    const hand = bodiesInHand(1, () => ms)
    for (let i = 0; i < 10; i++) {
      hand.take()
      hand.done()
    }
    ms = 250
    assert.equal(fill(hand), 4, '10 answered in the last second: 0.4 s of it')
  })
})

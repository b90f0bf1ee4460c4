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

  it('holds 0.4 s of the busiest quarter of the last second, from the first quarter of a burst', () => {
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
    // the last second's count (250) would say 100: a burst refused by an instance that takes it
    assert.equal(hand.bound(), 400, 'one quarter at 1,000 a second: 0.4 s of it')
    answer(100)
    ms = 10_500
    assert.equal(hand.bound(), 400, 'a slower quarter (a pause) does not lower it')
    answer(300)
    ms = 10_750
    assert.equal(hand.bound(), 480, 'a busier one raises it: 1,200 a second')
    assert.equal(fill(hand), 480)
    for (let i = 0; i < 480; i++) hand.done()
    ms = 11_500
    assert.equal(hand.bound(), 768, 'the quarter of 480 answered: 1,920 a second')
    ms = 11_750
    assert.equal(hand.bound(), 768, 'still within the last second')
    ms = 12_000
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
    assert.equal(fill(hand), 16, '10 answered in a quarter, 40 a second: 0.4 s of it')
  })
})

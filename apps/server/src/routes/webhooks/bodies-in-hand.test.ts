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

  it('holds half a second at the best rate of the last second, and the floor after a quiet one', () => {
    let ms = 10_000
    const hand = bodiesInHand(64, () => ms)
    // 250 answered in a quarter of a second: 1,000 a second
    for (let i = 0; i < 250; i++) {
      assert.equal(hand.take(), true)
      hand.done()
    }
    assert.equal(hand.bound(), 64, 'the quarter is not over')
    ms = 10_250
    assert.equal(hand.bound(), 500)
    // a slower quarter after it: the best of the second still counts
    for (let i = 0; i < 50; i++) {
      hand.take()
      hand.done()
    }
    ms = 10_500
    assert.equal(hand.bound(), 500)
    assert.equal(fill(hand), 500)
    for (let i = 0; i < 500; i++) hand.done()
    ms = 11_000
    assert.equal(hand.bound(), 1000, 'the 500 given back in one quarter: 2,000 a second')
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
    assert.equal(fill(hand), 20, '10 in a quarter: 40 a second, half a second of it')
  })
})

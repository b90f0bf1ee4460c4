/// <reference types="node" />
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SnapshotReads } from './snapshot-reads.ts'

/** A state of ids, its reads answered when the test says. */
function setup() {
  let state: string[] = []
  const reads = new SnapshotReads<string[]>((change) => {
    state = change(state)
  })
  const answers: Array<(ids: string[]) => void> = []
  const read = () => reads.read(() => new Promise<string[]>((resolve) => answers.push(resolve)))
  return { reads, read, answers, state: () => state }
}

test('a change pushed while a read is on its way is kept over its older answer', async () => {
  const { reads, read, answers, state } = setup()
  const reading = read()
  reads.apply((ids) => [...ids, 'assigned'])
  // the read was answered before the assignment: its answer does not have it
  answers[0]?.(['earlier'])
  assert.equal(await reading, true)
  assert.deepEqual(state(), ['earlier', 'assigned'])
  // no read on its way: a change applies once
  reads.apply((ids) => [...ids, 'next'])
  assert.deepEqual(state(), ['earlier', 'assigned', 'next'])
})

test('the answer of a read a later one replaced is dropped, whatever order they arrive in', async () => {
  const { read, answers, state } = setup()
  const first = read()
  const second = read()
  answers[1]?.(['newer'])
  answers[0]?.(['older'])
  assert.deepEqual(await Promise.all([first, second]), [false, true])
  assert.deepEqual(state(), ['newer'])
})

test('a cancelled read changes nothing; a failed one leaves the state as it was', async () => {
  const { reads, answers, state } = setup()
  const cancelled = reads.read(() => new Promise<string[]>((resolve) => answers.push(resolve)))
  reads.cancel()
  answers[0]?.(['gone'])
  assert.equal(await cancelled, false)
  assert.deepEqual(state(), [])
  await assert.rejects(
    reads.read(() => Promise.reject(new Error('offline'))),
    /offline/,
  )
  reads.apply((ids) => [...ids, 'after'])
  assert.deepEqual(state(), ['after'])
})

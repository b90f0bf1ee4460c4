import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { eld } from 'eld/large'
import { compactNgrams, type NgramsData, ngramsView } from './compact-ngrams.ts'
import { ELD_LARGE_MODEL } from './eld-files.ts'
import { largeModel, largeModelDetector } from './large-model-detector.ts'

const corpus = path.join(import.meta.dirname, '../../../../bench/data/languages')
const labelled = readdirSync(corpus)
  .filter((file) => file.endsWith('.txt'))
  .flatMap((file) => readFileSync(path.join(corpus, file), 'utf8').split('\n'))
  .filter((line) => line.trim())

// text no corpus has: letters of many scripts, Latin-1's accented ones, digits, emoji, spaces
const RANGES = [
  [0x61, 0x7a],
  [0xc0, 0xff],
  [0x100, 0x17f],
  [0x400, 0x44f],
  [0x600, 0x64a],
  [0x900, 0x97f],
  [0xe00, 0xe5b],
  [0x4e00, 0x4fff],
  [0x30, 0x39],
  [0x1f600, 0x1f64f],
] as const
function randomText(random: () => number): string {
  const [low, high] = RANGES[Math.floor(random() * RANGES.length)] as readonly [number, number]
  let text = ''
  for (let length = 1 + Math.floor(random() * 60); length > 0; length--) {
    text += random() < 0.15 ? ' ' : String.fromCodePoint(low + Math.floor(random() * (high - low + 1)))
  }
  return text
}
// the same texts every run (a failure can be run again), different ones for each seed
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function answer(detector: typeof largeModelDetector, text: string) {
  const result = detector.detect(text)
  return { language: result.language, scores: result.getScores(), reliable: result.isReliable() }
}

describe('eld over its compacted large model', () => {
  it('holds every n-gram of the model with its scores, and no other', async () => {
    const { ngramsData }: { ngramsData: NgramsData } = await import(ELD_LARGE_MODEL)
    const view = ngramsView(compactNgrams(ngramsData))
    const ngrams = Object.entries(ngramsData.ngrams)
    for (const [ngram, scores] of ngrams) assert.deepEqual(view[ngram], scores, ngram)
    for (const [ngram] of ngrams.slice(0, 1000)) {
      for (const other of [`${ngram}x`, ngram.slice(1), `\u0100${ngram.slice(1)}`]) {
        if (!(other in ngramsData.ngrams)) assert.equal(view[other], undefined, other)
      }
    }
  })

  it("gives eld/large's answer, scores and reliability, on every labelled message and on its words", () => {
    const texts = [...labelled, ...labelled.flatMap((line) => line.split(/\s+/u))]
    for (const text of texts) assert.deepEqual(answer(largeModelDetector, text), answer(eld, text), text)
  })

  it("gives eld/large's answer on 5,000 texts of random letters, digits and emoji", () => {
    const random = seeded(25)
    for (let i = 0; i < 5000; i++) {
      const text = randomText(random)
      assert.deepEqual(answer(largeModelDetector, text), answer(eld, text), text)
    }
  })
})

describe('the compacted model kept between starts', () => {
  it('is compacted and written where none is kept, read back whole, and compacted again over a broken file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ascolto-eld-cache-'))
    try {
      const file = path.join(dir, 'cache', 'eld-large.bin')
      const compacted = await largeModel(file)
      const written = await stat(file)
      assert.deepEqual(await largeModel(file), compacted)
      assert.equal((await stat(file)).mtimeMs, written.mtimeMs, 'read back, not written again')
      await writeFile(file, readFileSync(file).subarray(0, 1000))
      assert.deepEqual(await largeModel(file), compacted)
      assert.equal((await stat(file)).size, written.size, 'the broken file replaced by a whole one')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

// eld's large model held in four typed arrays instead of 245,000 objects. As eld ships it (an
// object of n-grams, each an object of language → score), the model is most of what the garbage
// collector walks in an instance: every major collection marked it again, and the console's p99
// under load was those pauses (docs/performance.md, issue 25). Typed arrays keep their contents
// outside the heap the collector marks, and take 5 MB where the objects took 130.
//
// An n-gram is up to six characters, each standing for one byte (eld's own dictionary maps the
// bytes of UTF-8 to single characters of Latin-1), so it packs into one number; the numbers are
// kept sorted and found by binary search.

export type NgramsData = {
  type: string
  languages: Record<number, string>
  ngrams: Record<string, Record<number, number>>
}

export type CompactNgrams = {
  type: string
  languages: Record<number, string>
  /** each n-gram packed by `pack`, ascending */
  keys: Float64Array
  /** n-gram i's scores are entries starts[i] to starts[i + 1] - 1 */
  starts: Uint32Array
  languageOfEntry: Uint8Array
  scoreOfEntry: Uint8Array
}

const MAX_LENGTH = 6

/** The n-gram as a number (a leading 1 keeps "a" and "a\0" apart), or -1 if no n-gram can be it. */
function pack(ngram: string): number {
  if (ngram.length > MAX_LENGTH) return -1
  let packed = 1
  for (let i = 0; i < ngram.length; i++) {
    const code = ngram.charCodeAt(i)
    if (code > 0xff) return -1
    packed = packed * 256 + code
  }
  return packed
}

export function compactNgrams(data: NgramsData): CompactNgrams {
  const packed = Object.entries(data.ngrams).map(([ngram, scores]) => {
    const key = pack(ngram)
    if (key < 0)
      throw new Error(`eld's model has an n-gram this table cannot hold (${ngram.length} characters)`)
    return { key, scores: Object.entries(scores) }
  })
  packed.sort((a, b) => a.key - b.key)
  const entries = packed.reduce((sum, { scores }) => sum + scores.length, 0)
  const compact: CompactNgrams = {
    type: data.type,
    languages: data.languages,
    keys: new Float64Array(packed.length),
    starts: new Uint32Array(packed.length + 1),
    languageOfEntry: new Uint8Array(entries),
    scoreOfEntry: new Uint8Array(entries),
  }
  let entry = 0
  packed.forEach(({ key, scores }, i) => {
    compact.keys[i] = key
    compact.starts[i] = entry
    for (const [language, score] of scores) {
      if (Number(language) > 0xff || score < 0 || score > 0xff || !Number.isInteger(score)) {
        throw new Error(`eld's model has a score this table cannot hold (${score} for language ${language})`)
      }
      compact.languageOfEntry[entry] = Number(language)
      compact.scoreOfEntry[entry] = score
      entry++
    }
  })
  compact.starts[packed.length] = entry
  return compact
}

/** Whether a value read back (a cache file) is a whole compacted model. */
export function isCompactNgrams(value: unknown): value is CompactNgrams {
  const model = value as CompactNgrams | undefined
  return (
    typeof model?.type === 'string' &&
    typeof model.languages === 'object' &&
    model.keys instanceof Float64Array &&
    model.starts instanceof Uint32Array &&
    model.languageOfEntry instanceof Uint8Array &&
    model.scoreOfEntry instanceof Uint8Array &&
    model.starts.length === model.keys.length + 1 &&
    model.languageOfEntry.length === model.starts[model.keys.length] &&
    model.scoreOfEntry.length === model.languageOfEntry.length
  )
}

function indexOf(keys: Float64Array, key: number): number {
  let low = 0
  let high = keys.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const found = keys[middle] as number
    if (found === key) return middle
    if (found < key) low = middle + 1
    else high = middle - 1
  }
  return -1
}

/**
 * The n-grams as eld reads them (`ngrams[ngram]` → { language: score }), each answer made when
 * asked: a few dozen short-lived objects per message instead of a model that lives in the heap.
 */
export function ngramsView(compact: CompactNgrams): Record<string, Record<number, number>> {
  const { keys, starts, languageOfEntry, scoreOfEntry } = compact
  return new Proxy(
    {},
    {
      get(_, ngram) {
        if (typeof ngram !== 'string') return undefined
        const key = pack(ngram)
        const i = key < 0 ? -1 : indexOf(keys, key)
        if (i < 0) return undefined
        const scores: Record<number, number> = {}
        for (let entry = starts[i] as number; entry < (starts[i + 1] as number); entry++) {
          scores[languageOfEntry[entry] as number] = scoreOfEntry[entry] as number
        }
        return scores
      },
    },
  )
}

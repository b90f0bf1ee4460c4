// Run as a child process: reads eld's large model (an object literal of 4.5 MB, 2 s to parse) and
// sends it back compacted. The memory of the parse, and the 130 MB of objects it makes, go when
// the process ends, which no module imported by the instance itself could do (a module stays
// loaded for the life of the process).
import { compactNgrams, type NgramsData } from './compact-ngrams.ts'

// eld's entries load a model they keep; the model's own file is the one that does not
const { ngramsData }: { ngramsData: NgramsData } = await import(
  new URL('../ngrams/large.js', import.meta.resolve('eld')).href
)
const compact = compactNgrams(ngramsData)
process.send?.(compact)

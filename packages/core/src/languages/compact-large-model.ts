// Run as a child process: reads eld's large model (an object literal of 4.5 MB, 2 s to parse) and
// sends it back compacted. The memory of the parse, and the 130 MB of objects it makes, go when
// the process ends, which no module imported by the instance itself could do (a module stays
// loaded for the life of the process).
import { compactNgrams, type NgramsData } from './compact-ngrams.ts'
import { ELD_LARGE_MODEL } from './eld-files.ts'

const { ngramsData }: { ngramsData: NgramsData } = await import(ELD_LARGE_MODEL)
const compact = compactNgrams(ngramsData)
process.send?.(compact)

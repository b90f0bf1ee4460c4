// One statement for what several people's work asks of the same transaction at the same moment
// (transaction-groups.ts runs several people's messages in one): each caller asks for its own
// row, and the calls made before the event loop turns are sent as one statement with a row each.
// A caller alone is a statement of one, so there is one way to do it, not two. A round trip costs
// both Ascolto and PostgreSQL a wake-up, parsing and planning: per message, that was most of the
// ingest's cost (docs/performance.md, issue 25).
import DataLoader from 'dataloader'
import type { Tx } from '../context.ts'

/** At most this many rows in one statement (a webhook body carries up to 200 messages). */
const ROWS_PER_STATEMENT = 100

/**
 * `run` takes the inputs of one batch and returns one output per input, in their order (an Error
 * for an input that failed alone); the function returned asks for one.
 */
export function statementBatches<I, O>(
  run: (tx: Tx, inputs: readonly I[]) => Promise<ReadonlyArray<O | Error>>,
): (tx: Tx, input: I) => Promise<O> {
  // A transaction's loader lives until its batch is sent, no longer. Kept in a WeakMap keyed by the
  // transaction, it outlived it: V8's young-generation collections keep a WeakMap's entries, and
  // DataLoader keeps its last batch (every caller's continuation: each message's working set), so
  // each message's objects reached the old generation (docs/performance.md, issue 25, tenth step).
  const loaders = new Map<Tx, DataLoader<I, O>>()
  return (tx, input) => {
    let loader = loaders.get(tx)
    if (!loader) {
      const created = new DataLoader<I, O>((inputs) => run(tx, inputs), {
        cache: false,
        maxBatchSize: ROWS_PER_STATEMENT,
        // after the turn's callbacks, so work resumed by the same reply (each person's) joins in
        batchScheduleFn: (send) =>
          setImmediate(() => {
            if (loaders.get(tx) === created) loaders.delete(tx)
            send()
          }),
      })
      loaders.set(tx, created)
      loader = created
    }
    return loader.load(input)
  }
}

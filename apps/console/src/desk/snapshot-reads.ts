// State read whole over the API, then kept current by the changes the server pushes. A read takes
// time: a change pushed while it is on its way may be newer than what it answers (the read was
// answered before the change, its answer arrived after), so the change is applied again over the
// answer, in the order it came. The answer of a read that a later read replaced is dropped.

type Change<T> = (state: T) => T

export class SnapshotReads<T> {
  private latest = 0
  private pending: { read: number; changes: Change<T>[] } | null = null
  private readonly update: (change: Change<T>) => void

  constructor(update: (change: Change<T>) => void) {
    this.update = update
  }

  /** A pushed change: applied now, and again over the answer of the read on its way. */
  apply(change: Change<T>): void {
    this.pending?.changes.push(change)
    this.update(change)
  }

  /** Reads the state whole; answers false when a later read (or `cancel`) replaced this one. */
  async read(load: () => Promise<T>): Promise<boolean> {
    const read = ++this.latest
    this.pending = { read, changes: [] }
    let answer: T
    try {
      answer = await load()
    } catch (error) {
      if (this.pending?.read === read) this.pending = null
      throw error
    }
    const pending = this.pending
    if (pending?.read !== read) return false
    this.pending = null
    this.update(() => pending.changes.reduce((state, change) => change(state), answer))
    return true
  }

  /** The read on its way, if any, no longer counts. */
  cancel(): void {
    this.latest++
    this.pending = null
  }
}

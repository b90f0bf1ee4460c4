// The expected wait of each place in the queue (pure). Every operator who can answer now has as
// many places as the helpline lets one handle at once; a place held by an open conversation frees
// when that conversation is expected to end (the usual handling time less what has already gone,
// but at least a third of it: one that has run long tends to go on), and the people waiting take
// the places in queue order as they free. A place that frees too late in its operator's shift to
// begin a conversation (a third of a usual one before its end) is no place: a wait the rota cannot
// keep is never promised. Measured against simulated evenings in bench/wait.ts.

export type AnsweringOperator = {
  /** When each of their open conversations began to be handled. */
  handlingSince: Date[]
  /** The end of their shift; null: no rota says when they stop. */
  until: Date | null
}

export type WaitDesk = {
  operators: AnsweringOperator[]
  /** Conversations one operator handles at once (the helpline's limit, else one). */
  perOperator: number
  /** The usual handling time, in minutes (typicalHandlingMinutes); null: too few to say. */
  handlingMinutes: number | null
}

const MINUTE = 60_000

/**
 * The usual length of a conversation from recent ones (minutes): their mean, the mean rather than
 * the median as waits add lengths up and long ones weigh; each counted at most three times the
 * median (a conversation forgotten open all night is a long one, not a night). null with fewer
 * than three.
 */
export function typicalHandlingMinutes(recent: number[]): number | null {
  if (recent.length < 3) return null
  const sorted = [...recent].sort((a, b) => a - b)
  const cap = 3 * (sorted[Math.floor(sorted.length / 2)] as number)
  return Math.max(1, sorted.reduce((sum, m) => sum + Math.min(m, cap), 0) / sorted.length)
}

/** Minutes until an operator takes the person at each place (1, 2, …), or null where nobody will. */
export function expectedWaits(desk: WaitDesk, now: Date, places: number): (number | null)[] {
  const none = Array<null>(places).fill(null)
  if (desk.handlingMinutes === null || desk.operators.length === 0) return none
  const handling = desk.handlingMinutes * MINUTE
  // each free place: when it frees (ms from now), and until when its operator answers
  const free: { at: number; until: number }[] = []
  for (const operator of desk.operators) {
    const until = operator.until ? operator.until.getTime() - now.getTime() : Number.POSITIVE_INFINITY
    const ends = operator.handlingSince
      .map((since) => Math.max(MINUTE, handling / 3, handling - (now.getTime() - since.getTime())))
      .sort((a, b) => a - b)
    // with more open than they handle at once, a place frees only when the extra ones have ended
    const busy = ends.slice(Math.max(0, ends.length - desk.perOperator))
    const idle = Math.max(0, desk.perOperator - ends.length)
    for (let i = 0; i < idle; i++) free.push({ at: 0, until })
    for (const at of busy) free.push({ at, until })
  }
  const waits: (number | null)[] = []
  for (let place = 0; place < places; place++) {
    free.sort((a, b) => a.at - b.at)
    const next = free.findIndex((slot) => slot.at + handling / 3 <= slot.until)
    const slot = free[next]
    if (!slot) return [...waits, ...none].slice(0, places)
    waits.push(roundMinutes(slot.at))
    slot.at += handling
  }
  return waits
}

/** Whole minutes, at least one; past ten, to the nearest five: "circa 10 minuti" is all it can honestly say. */
function roundMinutes(ms: number): number {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE))
  return minutes <= 10 ? minutes : Math.round(minutes / 5) * 5
}

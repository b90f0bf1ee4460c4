// How many signed webhook bodies an instance holds at once before it refuses the next with 503
// (the provider retries it later, where a longer queue would hold it past its time-out). By
// Little's law a body waits about (bodies in hand) ÷ (bodies answered a second): the bound is the
// rate the instance has shown it can answer, times the wait allowed. That rate is its busiest
// quarter of a second within the last second, not the last second's count: below saturation the
// count is what was offered, not what the instance can do, and an instance quiet a moment before
// would refuse a burst it could take (a backlog the provider delivers at once, a step of the
// bench from 500 to 1,000 a second; docs/performance.md, issue 25, eleventh step). Saturated, every
// quarter is the instance's pace, so a slow or saturated instance still answers in time; a pause
// shorter than a second (a checkpoint, a garbage collection) does not lower the bound. Never below the
// configured floor (ASCOLTO_WEBHOOKS_IN_FLIGHT): it holds at start, before any rate is known, and
// after a quiet second.

/**
 * The mean wait allowed, well under Meta's 1 s: the slowest bodies wait about twice the mean
 * (a group's own work, a second slower than the one before it).
 */
export const WAIT_ALLOWED_SECONDS = 0.4
const WINDOW_MS = 250
/** The windows remembered: the running one and the last second's four. */
const WINDOWS = 5

export type BodiesInHand = {
  /** Takes a place for a body; false: the instance is full and the body is to be refused. */
  take(): boolean
  /** The body taken has been answered. */
  done(): void
  /** Bodies that may be in hand now. */
  bound(): number
}

export function bodiesInHand(
  floor: number,
  now: () => number = performance.now.bind(performance),
): BodiesInHand {
  let inHand = 0
  /** Bodies answered in each window; the current one at `window % WINDOWS`. */
  const answered = new Array<number>(WINDOWS).fill(0)
  let window = Math.floor(now() / WINDOW_MS)
  const turn = () => {
    const current = Math.floor(now() / WINDOW_MS)
    // the windows passed since the last turn held nothing
    for (let next = window + 1; next <= Math.min(current, window + WINDOWS); next++)
      answered[next % WINDOWS] = 0
    window = Math.max(window, current)
  }
  const bound = () => {
    turn()
    // the whole windows of the last second, not the one running
    let busiest = 0
    for (let index = 0; index < WINDOWS; index++) {
      if (index !== window % WINDOWS) busiest = Math.max(busiest, answered[index] ?? 0)
    }
    const perSecond = busiest * (1000 / WINDOW_MS)
    return Math.max(floor, Math.floor(perSecond * WAIT_ALLOWED_SECONDS))
  }
  return {
    take() {
      if (inHand >= bound()) return false
      inHand++
      return true
    },
    done() {
      turn()
      inHand--
      answered[window % WINDOWS] = (answered[window % WINDOWS] ?? 0) + 1
    },
    bound,
  }
}

// The simulated time line: events run one at a time in time order, each with the server's clock
// set to its moment, so a week takes as long as the requests it makes, not a week.
import type { SimClock } from './installation.ts'

type Event = { at: number; order: number; run: () => Promise<void> }

export function timeline(clock: SimClock) {
  const queue: Event[] = []
  let order = 0
  return {
    at(at: number, run: () => Promise<void>) {
      const event = { at: Math.max(at, clock.now), order: order++, run }
      // few thousand events a week: a sorted insert is enough
      let i = queue.length
      while (i > 0 && (queue[i - 1] as Event).at > event.at) i--
      queue.splice(i, 0, event)
    },
    async runUntil(end: number) {
      while (queue.length > 0 && (queue[0] as Event).at <= end) {
        const event = queue.shift() as Event
        clock.now = event.at
        await event.run()
      }
      clock.now = end
    },
  }
}

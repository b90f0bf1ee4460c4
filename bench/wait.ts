// `npm run bench:wait`: the expected wait a person sees, against the wait they then had, over
// simulated evenings: people arrive at random (a Poisson stream, seeded), two volunteers on shift
// 19:00–23:00 take them in queue order one at a time, each conversation lasting a known time
// (log-normal, median 12 minutes). Every figure a person is shown is the one Ascolto computes
// (`expectedWaits`, with `typicalHandlingMinutes` of the last 20 handling times, as describeWaits),
// rounded as the widget says it; compared with the wait that person had. Beside it, a naive
// estimate: place × 5 minutes. A person shown no figure (the rota cannot keep one) is counted apart,
// as is a figure shown to someone nobody answered before the shifts ended (a broken promise).
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expectedWaits, typicalHandlingMinutes } from '@ascolto/core'

const MINUTE = 60_000
const EVENING = { start: 19 * 60, end: 23 * 60, lastArrival: 22 * 60 + 30 }
const OPERATORS = 2
const NAIVE_MINUTES_PER_PLACE = 5
const EVENINGS = 40
const SCENARIOS = [
  { name: 'quiet (one every 12 min)', everyMinutes: 12 },
  { name: 'busy (one every 7 min)', everyMinutes: 7 },
  { name: 'overloaded (one every 5 min)', everyMinutes: 5 },
]

/** A small seeded generator (mulberry32): the same evenings every run. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const exponential = (rnd: () => number, mean: number) => -Math.log(1 - rnd()) * mean
const handlingTime = (rnd: () => number) => {
  // log-normal, median 12 min, σ 0.5: most between 5 and 30 minutes
  const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
  return Math.max(2, 12 * Math.exp(0.5 * normal))
}

type Shown = { arrival: boolean; ours: number | null; naive: number; actual: number | null }

/** One evening: every figure shown (at arrival, and each time the queue moved) with the wait that followed. */
function evening(seed: number, everyMinutes: number) {
  const rnd = random(seed)
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 7, 0, 0) + minutes * MINUTE)
  const history = Array.from({ length: 20 }, () => handlingTime(rnd))
  const people: { arrives: number; handling: number; taken: number | null }[] = []
  for (
    let t = EVENING.start + exponential(rnd, everyMinutes);
    t < EVENING.lastArrival;
    t += exponential(rnd, everyMinutes)
  )
    people.push({ arrives: t, handling: handlingTime(rnd), taken: null })
  // the volunteers: when each is free, and what they are handling since
  const ops = Array.from({ length: OPERATORS }, () => ({
    freeAt: EVENING.start,
    since: null as number | null,
  }))
  const queue: number[] = []
  const shown: { person: number; at: number; arrival: boolean; ours: number | null; naive: number }[] = []
  const show = (now: number, arrived: number | null) => {
    const waits = expectedWaits(
      {
        operators: ops.map((o) => ({
          handlingSince: o.freeAt > now && o.since !== null ? [at(o.since)] : [],
          until: at(EVENING.end),
        })),
        perOperator: 1,
        handlingMinutes: typicalHandlingMinutes(history.slice(-20)),
      },
      at(now),
      queue.length,
    )
    queue.forEach((person, i) => {
      const naive = (i + 1) * NAIVE_MINUTES_PER_PLACE
      shown.push({ person, at: now, arrival: person === arrived, ours: waits[i] ?? null, naive })
    })
  }
  // events in time order: arrivals, and volunteers becoming free (taking the next, a moment later)
  let next = 0
  for (;;) {
    const arrival = people[next]?.arrives ?? Number.POSITIVE_INFINITY
    const free = ops.filter((o) => o.freeAt < EVENING.end).sort((a, b) => a.freeAt - b.freeAt)[0]
    const freeAt = queue.length > 0 && free ? Math.max(free.freeAt, EVENING.start) : Number.POSITIVE_INFINITY
    if (arrival === Number.POSITIVE_INFINITY && freeAt === Number.POSITIVE_INFINITY) break
    if (arrival <= freeAt) {
      queue.push(next)
      show(arrival, next++)
      continue
    }
    // the volunteer sees the queue and takes the first, within a minute or two
    const person = queue.shift() as number
    const p = people[person] as (typeof people)[number]
    const taken = Math.max(freeAt, p.arrives) + rnd() * 2
    if (!free || taken >= EVENING.end) {
      queue.unshift(person)
      if (free) free.freeAt = EVENING.end
      continue
    }
    p.taken = taken
    free.since = taken
    free.freeAt = taken + p.handling
    history.push(p.handling)
    show(taken, null)
  }
  return shown.map(({ person, at: when, arrival, ours, naive }): Shown => {
    const taken = people[person]?.taken ?? null
    return { arrival, ours, naive, actual: taken === null ? null : taken - when }
  })
}

type Errors = { n: number; mae: number; p90: number; bias: number; within5: number }
function errorsOf(pairs: { estimate: number; actual: number }[]): Errors {
  const abs = pairs.map((p) => Math.abs(p.estimate - p.actual)).sort((a, b) => a - b)
  const n = pairs.length
  return {
    n,
    mae: abs.reduce((a, b) => a + b, 0) / n,
    p90: abs[Math.min(n - 1, Math.floor(0.9 * n))] ?? 0,
    bias: pairs.reduce((a, p) => a + p.estimate - p.actual, 0) / n,
    within5: abs.filter((e) => e <= 5).length / n,
  }
}

const results = SCENARIOS.map(({ name, everyMinutes }) => {
  const all = Array.from({ length: EVENINGS }, (_, i) => evening(1000 + i, everyMinutes)).flat()
  const report = (subset: Shown[]) => {
    const answered = subset.filter((s) => s.actual !== null) as (Shown & { actual: number })[]
    const withFigure = answered.filter((s) => s.ours !== null) as (Shown & { actual: number; ours: number })[]
    return {
      shown: subset.length,
      ours: errorsOf(withFigure.map((s) => ({ estimate: s.ours, actual: s.actual }))),
      // the naive estimate over the same people, so the two compare like with like
      naive: errorsOf(withFigure.map((s) => ({ estimate: s.naive, actual: s.actual }))),
      naiveAll: errorsOf(answered.map((s) => ({ estimate: s.naive, actual: s.actual }))),
      noFigure: subset.filter((s) => s.ours === null).length,
      noFigureUnanswered: subset.filter((s) => s.ours === null && s.actual === null).length,
      brokenPromises: subset.filter((s) => s.ours !== null && s.actual === null).length,
    }
  }
  return { name, atArrival: report(all.filter((s) => s.arrival)), everyUpdate: report(all) }
})

const f = (x: number) => x.toFixed(1).padStart(5)
const line = (label: string, e: Errors) =>
  `  ${label.padEnd(22)} ${String(e.n).padStart(5)}  ${f(e.mae)}  ${f(e.p90)}  ${f(e.bias)}  ${(100 * e.within5).toFixed(0).padStart(4)}%`
console.log(
  `Expected wait vs the wait that followed: ${EVENINGS} simulated evenings per scenario, ${OPERATORS} volunteers on shift 19–23, handling log-normal (median 12 min); minutes\n`,
)
for (const { name, atArrival, everyUpdate } of results) {
  console.log(`${name}`)
  console.log(`  ${''.padEnd(22)}     n    MAE    p90   bias  ≤5 min`)
  console.log(line('Ascolto, at arrival', atArrival.ours))
  console.log(line(`place × ${NAIVE_MINUTES_PER_PLACE}, at arrival`, atArrival.naive))
  console.log(line('Ascolto, every update', everyUpdate.ours))
  console.log(line(`place × ${NAIVE_MINUTES_PER_PLACE}, every update`, everyUpdate.naive))
  console.log(
    `  no figure shown at arrival: ${atArrival.noFigure} (of them not answered before 23:00: ${atArrival.noFigureUnanswered}); a figure shown to someone not answered before 23:00: ${atArrival.brokenPromises}\n`,
  )
}
await writeFile(
  path.join(import.meta.dirname, 'results/wait.json'),
  `${JSON.stringify({ at: new Date().toISOString(), evenings: EVENINGS, operators: OPERATORS, results }, null, 2)}\n`,
)

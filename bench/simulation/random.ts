// Seeded randomness: the same week every run of the same service and date.

/** mulberry32: small, fast, good enough to draw arrivals. */
export function seeded(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = ReturnType<typeof seeded>

export const seedOf = (text: string) =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261)

/** A Poisson count with this mean (Knuth; the means here are small). */
export function poisson(rnd: Random, mean: number) {
  const limit = Math.exp(-mean)
  let count = 0
  for (let p = rnd(); p > limit; p *= rnd()) count++
  return count
}

/** Log-normal around a median: most values within a factor e^σ of it. */
export function logNormal(rnd: Random, median: number, sigma: number) {
  const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
  return median * Math.exp(sigma * normal)
}

export const between = (rnd: Random, low: number, high: number) => low + rnd() * (high - low)

/** A key drawn by its weight. */
export function pick<K extends string>(rnd: Random, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][]
  let left = rnd() * entries.reduce((sum, [, w]) => sum + w, 0)
  for (const [key, weight] of entries) {
    left -= weight
    if (left <= 0) return key
  }
  return entries[entries.length - 1]?.[0] as K
}

// Reading Meta's JSON defensively: the payload grows new fields and types over time, and a
// field that is missing or of the wrong type must never crash the webhook.
export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A non-empty string of at most `max` characters, or undefined. */
export const stringOf = (value: unknown, max = 1024) =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined

export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** Unix seconds as Meta sends them (a string), or now when absent or nonsense. */
export function timeOf(value: unknown): Date {
  const seconds = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN
  return Number.isFinite(seconds) && seconds > 0 && seconds < 1e11 ? new Date(seconds * 1000) : new Date()
}

/** A name from the payload that is safe to log: a short identifier, never content. */
export const label = (value: unknown) =>
  (typeof value === 'string' || typeof value === 'number') && /^[a-z0-9_]{1,64}$/.test(String(value))
    ? String(value)
    : '?'

// An imported settings file can hold anything: each reader takes what fits and leaves the rest.
export type Loose = Record<string, unknown>
export const object = (value: unknown): Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {}
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

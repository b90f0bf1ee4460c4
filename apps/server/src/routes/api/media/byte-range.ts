// The part of a file a `Range: bytes=…` header asks for: what lets the console's player know a
// voice note's length and seek in it (Chromium reads an Ogg file's end to learn its duration).
// One range only; anything else is answered whole.

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null

export function byteRangeOf(header: string | undefined, size: number): ByteRange {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '')
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') {
    // the last N bytes
    const suffix = Number(match[2])
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}

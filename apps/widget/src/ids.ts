// Identifiers made in the browser. Both come from crypto.getRandomValues, never Math.random.

/** The visitor's secret: 32 random bytes, base64url without padding (43 characters). */
export function makeVisitorToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * A v4 UUID. crypto.randomUUID is missing on older phones and on pages served over plain http
 * (it exists only in secure contexts), so build one by hand there.
 */
export function makeUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  let hex = ''
  for (let i = 0; i < bytes.length; i++) hex += ((bytes[i] as number) + 0x100).toString(16).slice(1)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// Links in a message's text, for the console and the widget to make clickable. Only addresses
// written out with http:// or https:// become links; anything else (javascript:, data:, a bare
// "www.…", a mail address) stays text. Punctuation that closes a sentence after an address is not
// part of it; a closing bracket is, when the address opened one ("…/Roma_(città)").
// A separate entry of this package (`@ascolto/protocol/links`), with no dependency, so the widget
// ships these few lines and not the validator.

export type TextPart = { text: string; href?: undefined } | { text: string; href: string }

const ADDRESS = /\bhttps?:\/\/[^\s<>"/][^\s<>"]*/gi
const CLOSING = /[.,;:!?'"’”»)\]]$/

const count = (text: string, char: string) => text.split(char).length - 1

function trimTail(address: string) {
  let end = address.length
  while (end > 0 && CLOSING.test(address.slice(0, end))) {
    const kept = address.slice(0, end)
    const close = kept.slice(-1)
    const open = close === ')' ? '(' : close === ']' ? '[' : null
    // the address's own closing bracket: as many opened before it as closed with it
    if (open && count(kept, open) >= count(kept, close)) break
    end--
  }
  return address.slice(0, end)
}

function httpUrl(address: string): string | null {
  try {
    const url = new URL(address)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null
  } catch {
    return null
  }
}

// Right-to-left and left-to-right overrides turn the characters after them around as shown, the
// trick that makes "fattura\u202Efdp.exe" read "fatturaexe.pdf": shown without them, the text reads
// in the order it was written. Marks and isolates, which right-to-left languages use, are kept.
const OVERRIDES = /[\u202D\u202E]/g

/** A person's text as shown: without the overrides (also for a preview that is not split). */
export const withoutOverrides = (text: string) => text.replace(OVERRIDES, '')

/**
 * For JSON.parse: every string without overrides. What staff write for others to read (display
 * names, titles, a helpline's name and categories) could carry one as a person's text could; a
 * client that never shows one parses the server's answers so, old rows too.
 */
export const overridesDropped = (_key: string, value: unknown) =>
  typeof value === 'string' ? withoutOverrides(value) : value

/** The text in parts, each plain or a link with its address (normalised by URL), without overrides. */
export function splitLinks(written: string): TextPart[] {
  const text = withoutOverrides(written)
  const parts: TextPart[] = []
  let plainFrom = 0
  // exec in a loop, not matchAll: the widget runs on phones older than matchAll
  const pattern = new RegExp(ADDRESS)
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const written = trimTail(match[0])
    const href = httpUrl(written)
    if (!href) continue
    const start = match.index
    if (start > plainFrom) parts.push({ text: text.slice(plainFrom, start) })
    parts.push({ text: written, href })
    plainFrom = start + written.length
  }
  if (plainFrom < text.length || parts.length === 0) parts.push({ text: text.slice(plainFrom) })
  return parts
}

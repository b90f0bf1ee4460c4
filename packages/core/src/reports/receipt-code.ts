// The receipt code a reporter comes back with: four groups of four characters from an alphabet
// without look-alikes (no 0/O, 1/I/L, U), easy to copy and to write down. The first group is a
// public locator that finds the one report to check; the other twelve characters (30^12, about
// 59 bits) are the secret, checked against an argon2id hash of the whole code. Guessing is
// slowed further by the hash and by a limit on wrong codes per address (the routes).
import { randomInt } from 'node:crypto'

export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
const GROUPS = 4
const GROUP = 4

export type ReceiptCode = { code: string; locator: string }

export function newReceiptCode(): ReceiptCode {
  const chars = Array.from(
    { length: GROUPS * GROUP },
    () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)],
  )
  const groups = Array.from({ length: GROUPS }, (_, i) => chars.slice(i * GROUP, (i + 1) * GROUP).join(''))
  return { code: groups.join('-'), locator: groups[0] as string }
}

/**
 * A code as a person typed it (lower case, spaces or dashes anywhere) in its
 * one written form, or null when it cannot be a code at all.
 */
export function readReceiptCode(typed: string): ReceiptCode | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '')
  if (plain.length !== GROUPS * GROUP || [...plain].some((c) => !RECEIPT_ALPHABET.includes(c))) return null
  const groups = plain.match(/.{4}/g) as string[]
  return { code: groups.join('-'), locator: groups[0] as string }
}

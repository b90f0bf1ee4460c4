// The shape of a triage rule, and its compilation: one regular expression per phrase, each
// space also matching no space ("vogliomorire"), starting at a word's start; and beside it the
// words that must be in a message for it to match at all, so that a message is read by the few
// rules that can match it (hundreds of expressions on every message would cost a millisecond).
import type { RiskLevel, TriageKind } from '@ascolto/protocol'

/**
 * How a phrase counts: `ideation` a wish to die or to hurt; `act` something under way (imminent
 * by itself); `means` and `place` the how and the where (with a wish: imminent); `hyperbole` what a
 * laugh beside it makes a joke; `topic` a word that a film or a school paper makes a subject;
 * `body` a bodily emergency that counts only beside a substance.
 */
export type RuleTag =
  | 'ideation'
  | 'hyperbole'
  | 'self_harm'
  | 'topic'
  | 'act'
  | 'means'
  | 'place'
  | 'abuse'
  | 'danger'
  | 'child_abuse'
  | 'exploitation'
  | 'emergency'
  | 'body'

export type RuleSpec = [kind: TriageKind, level: Exclude<RiskLevel, 'none'>, tag: RuleTag, phrases: string[]]

export type CompiledPhrase = {
  /** tried at one position (sticky) */
  pattern: RegExp
  /** a match starts with one of these; null: it may start anywhere, and is looked for everywhere */
  starts: string[] | null
}

export type CompiledRule = {
  kind: TriageKind
  level: Exclude<RiskLevel, 'none'>
  tag: RuleTag
} & CompiledPhrase

/** The index of the parenthesis that closes the one at `open`. */
function closing(source: string, open: number): number {
  let depth = 0
  for (let i = open; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (c === '[') i = source.indexOf(']', i)
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return source.length - 1
}

function splitAlternatives(source: string): string[] {
  const parts: string[] = []
  let depth = 0
  let from = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (c === '[') i = source.indexOf(']', i)
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(from, i))
      from = i + 1
    }
  }
  parts.push(source.slice(from))
  return parts
}

const isQuantifier = (c: string | undefined) => c === '?' || c === '*' || c === '{'

/** The letters an alternative surely starts with: "picchia" of "picchia(?:no)?". */
function literalStart(source: string): string {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? ''
    if (!/[a-z0-9]/.test(c) || isQuantifier(source[i + 1])) break
    out += c
  }
  return out
}

/**
 * The words a match can start with, read off the phrase's start: "voglio" of "voglio (?:solo )?morire",
 * "picchia" and "picchiano" of "(?:picchia|picchiano) …". Null when the start is optional or not
 * letters: such a phrase is tried on every message.
 */
export function firstWords(phrase: string): string[] | null {
  const first = phrase[0] ?? ''
  if (/[a-z0-9]/.test(first)) {
    const word = literalStart(phrase)
    return word ? [word] : null
  }
  if (!phrase.startsWith('(?:')) return null
  const end = closing(phrase, 0)
  if (isQuantifier(phrase[end + 1])) return null
  const words: string[] = []
  for (const alternative of splitAlternatives(phrase.slice(3, end))) {
    const starts = firstWords(alternative)
    if (!starts) return null
    words.push(...starts)
  }
  return words
}

/**
 * A phrase as a regex: spaces optional, starting at a word's start. Normalized text has single
 * spaces and only [a-z0-9|], so " ?" and "\\b" say it exactly, and keep V8's fast paths (a
 * look-behind or "\\s*" there made each rule ten to fifty times slower).
 */
export function compilePhrase(phrase: string): CompiledPhrase {
  const source = phrase.trim().replace(/ +/g, ' ?')
  const starts = firstWords(phrase.trim())
  return { pattern: new RegExp(`\\b(?:${source})`, starts ? 'y' : 'g'), starts }
}

export function compileRules(specs: readonly RuleSpec[]): CompiledRule[] {
  return specs.flatMap(([kind, level, tag, phrases]) =>
    phrases.map((phrase) => ({ kind, level, tag, ...compilePhrase(phrase) })),
  )
}

export type PhraseMatch<T> = { phrase: T; start: number; text: string }

/**
 * Where the phrases match a text. Each phrase is tried only where a word of the text begins with
 * one of its first words: a message meets the few dozen rules that can match it, not all of them
 * (on a busy machine an expression costs about a microsecond even when it fails).
 */
export function indexPhrases<T extends CompiledPhrase>(phrases: readonly T[]) {
  const anywhere = phrases.filter((phrase) => !phrase.starts)
  // by the first two letters of a first word, then each first word checked in place
  const byKey = new Map<string, Array<{ word: string; phrase: T }>>()
  for (const phrase of phrases) {
    for (const word of new Set(phrase.starts ?? [])) {
      const key = word.slice(0, 2)
      byKey.set(key, [...(byKey.get(key) ?? []), { word, phrase }])
    }
  }
  return (text: string): PhraseMatch<T>[] => {
    const found: PhraseMatch<T>[] = []
    for (let start = 0; start < text.length; start = text.indexOf(' ', start) + 1 || text.length) {
      const key =
        text[start + 1] === ' ' || start + 1 >= text.length
          ? (text[start] ?? '')
          : text.slice(start, start + 2)
      for (const { word, phrase } of byKey.get(key) ?? []) {
        if (!text.startsWith(word, start)) continue
        phrase.pattern.lastIndex = start
        const match = phrase.pattern.exec(text)
        if (match) found.push({ phrase, start: match.index, text: match[0] })
      }
    }
    for (const phrase of anywhere) {
      phrase.pattern.lastIndex = 0
      for (let match = phrase.pattern.exec(text); match; match = phrase.pattern.exec(text)) {
        found.push({ phrase, start: match.index, text: match[0] })
      }
    }
    return found
  }
}

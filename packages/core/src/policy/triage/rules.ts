// The shape of a triage rule, and their compilation: one regular expression per rule group,
// its phrases as alternatives, each space also matching no space ("vogliomorire").
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

export type CompiledRule = {
  kind: TriageKind
  level: Exclude<RiskLevel, 'none'>
  tag: RuleTag
  pattern: RegExp
}

/** A phrase as a regex source: spaces become optional, and it starts at a word's start. */
export function phraseSource(phrase: string): string {
  return phrase.trim().replace(/ +/g, '\\s*')
}

export function compileRules(specs: readonly RuleSpec[]): CompiledRule[] {
  return specs.map(([kind, level, tag, phrases]) => ({
    kind,
    level,
    tag,
    pattern: new RegExp(`(?<![a-z0-9])(?:${phrases.map(phraseSource).join('|')})`, 'g'),
  }))
}

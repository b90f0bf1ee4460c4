// Triage of one message: its risk level, the kinds of risk and the phrases that led there.
// Pure and local: rules (rules-*.ts) over a normalized spelling (normalize.ts), read with the
// cues that change their meaning (cues.ts). It suggests an order for the queue and wakes the
// supervisor on call; a person reads every message anyway, and can correct the level.
import {
  RISK_LEVELS,
  type RiskLevel,
  TRIAGE_KINDS,
  type TriageKind,
  type TriageSettings,
} from '@ascolto/protocol'
import { CHILD, IDIOMS, MEDIA, NEGATION_SCOPE, NEGATIONS, NOW, PAST, SUBSTANCE } from './cues.ts'
import { normalizeForTriage } from './normalize.ts'
import {
  type CompiledRule,
  compilePhrase,
  compileRules,
  indexPhrases,
  type PhraseMatch,
  type RuleSpec,
} from './rules.ts'
import { RULES_EN } from './rules-en.ts'
import { RULES_IT } from './rules-it.ts'
import { RULES_OTHER } from './rules-other.ts'

export type Triage = { level: RiskLevel; kinds: TriageKind[]; phrases: string[] }

type Level = Exclude<RiskLevel, 'none'>
type Hit = {
  kind: TriageKind
  level: Level
  tag: CompiledRule['tag']
  phrase: string
  start: number
  end: number
}

const BUILT_IN_RULES = compileRules([...RULES_IT, ...RULES_EN, ...RULES_OTHER])
const BUILT_IN = indexPhrases(BUILT_IN_RULES)
const idiomsIn = indexPhrases(IDIOMS.map((idiom) => compilePhrase(idiom)))
const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level)
const higher = (a: RiskLevel, b: RiskLevel): RiskLevel => (rank(a) >= rank(b) ? a : b)

/** The helpline's own phrases, compiled once per settings object. */
const ownRules = new WeakMap<TriageSettings, (text: string) => PhraseMatch<CompiledRule>[]>()
function rulesOf(settings: TriageSettings | undefined): (text: string) => PhraseMatch<CompiledRule>[] {
  if (!settings?.phrases?.length) return BUILT_IN
  let rules = ownRules.get(settings)
  if (!rules) {
    const specs: RuleSpec[] = settings.phrases.map((p) => [
      p.kind,
      p.level,
      'ideation',
      [`${escapePhrase(normalizeForTriage(p.text).text)}(?![a-z0-9])`],
    ])
    rules = indexPhrases([...BUILT_IN_RULES, ...compileRules(specs)])
    ownRules.set(settings, rules)
  }
  return rules
}

function escapePhrase(text: string) {
  return text.replace(/[|\\^$.*+?()[\]{}]/g, '').trim()
}

/** True when a word that denies reaches the phrase starting at `start`: "mai pensato di …". */
function negated(text: string, start: number): boolean {
  const clauseStart = text.lastIndexOf('|', start - 1) + 1
  const before = text.slice(clauseStart, start).trim()
  if (!before) return false
  const words = before.split(' ')
  for (let i = words.length - 1, reach = 0; i >= 0 && reach < 6; i--, reach++) {
    const word = words[i] ?? ''
    if (NEGATIONS.has(word)) return true
    if (!NEGATION_SCOPE.has(word)) return false
  }
  return false
}

function clauseAround(text: string, start: number, end: number) {
  const from = text.lastIndexOf('|', start - 1) + 1
  const to = text.indexOf('|', end)
  return text.slice(from, to === -1 ? text.length : to)
}

export function triageMessage(input: string, settings?: TriageSettings): Triage {
  const { text: spelled, laughing } = normalizeForTriage(input)
  if (!spelled) return { level: 'none', kinds: [], phrases: [] }
  // idioms out first, from the last so that the offsets of the earlier ones hold
  let text = spelled
  const idioms = idiomsIn(spelled).sort((a, b) => b.start - a.start)
  for (const idiom of idioms)
    text = `${text.slice(0, idiom.start)} | ${text.slice(idiom.start + idiom.text.length)}`

  const hits: Hit[] = []
  let hasSubstance: boolean | undefined
  for (const { phrase: rule, start, text: matched } of rulesOf(settings)(text)) {
    if (rule.tag !== 'act' && rule.tag !== 'danger' && negated(text, start)) continue
    if (rule.tag === 'hyperbole' && laughing) continue
    const clause = clauseAround(text, start, start + matched.length)
    if (rule.tag === 'topic' && MEDIA.test(clause)) continue
    if (rule.tag === 'body') {
      hasSubstance ??= SUBSTANCE.test(text)
      if (!hasSubstance) continue
    }
    // a risk told as history is remembered, not present
    const level = PAST.test(clause) && rule.level !== 'medium' ? 'medium' : rule.level
    hits.push({
      kind: rule.kind,
      level,
      tag: rule.tag,
      phrase: matched.trim(),
      start,
      end: start + matched.length,
    })
  }
  if (hits.length === 0) return { level: 'none', kinds: [], phrases: [] }
  // a phrase inside a longer one of the same kind says nothing more: "farla finita" in "voglio farla finita"
  const inside = (a: Hit, b: Hit) =>
    a !== b && a.kind === b.kind && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start
  const said = hits.filter((hit) => !hits.some((other) => inside(hit, other)))

  const levels = new Map<TriageKind, RiskLevel>()
  const phrases: Array<[TriageKind, string]> = []
  const raise = (kind: TriageKind, level: RiskLevel) =>
    levels.set(kind, higher(levels.get(kind) ?? 'none', level))
  for (const hit of hits) raise(hit.kind, hit.level)
  for (const hit of said) phrases.push([hit.kind, hit.phrase])

  // a wish with a means, a place or a time is a plan: imminent
  const suicide = hits.filter((h) => h.kind === 'suicide_self_harm')
  const wish = suicide.some((h) => h.tag !== 'means' && h.tag !== 'place' && rank(h.level) >= rank('medium'))
  const strongWish = suicide.some((h) => h.tag !== 'means' && h.tag !== 'place' && h.level !== 'medium')
  const how = suicide.some((h) => h.tag === 'means' || h.tag === 'place')
  const now = NOW.exec(text)
  if (wish && how) raise('suicide_self_harm', 'imminent')
  if (how && now) raise('suicide_self_harm', 'high')
  if (strongWish && now) {
    raise('suicide_self_harm', 'imminent')
    phrases.push(['suicide_self_harm', now[0]])
  }
  // someone hurting now, or a threat with a time
  if (levels.get('violence_abuse') === 'high' && now) {
    const threat = hits.some(
      (h) => h.kind === 'violence_abuse' && /minacc|uccid|ammazz|kill|threat|tuer|matar|omoar/.test(h.phrase),
    )
    if (threat) {
      raise('violence_abuse', 'imminent')
      phrases.push(['violence_abuse', now[0]])
    }
  }
  // an age, a school, a little one beside any other risk: a minor at risk
  const child = CHILD.exec(text)
  if (child) {
    const worst = [...levels.values()].reduce<RiskLevel>(higher, 'none')
    if (worst !== 'none') {
      raise('minor_at_risk', worst)
      phrases.push(['minor_at_risk', child[0].trim()])
    }
  }
  // a child hurt, groomed or neglected is abuse too
  for (const hit of hits) if (hit.tag === 'child_abuse') raise('violence_abuse', hit.level)

  const off = new Set(settings?.kindsOff ?? [])
  const kinds = TRIAGE_KINDS.filter((kind) => levels.has(kind) && !off.has(kind))
  if (kinds.length === 0) return { level: 'none', kinds: [], phrases: [] }
  const level = kinds.map((kind) => levels.get(kind) ?? 'none').reduce<RiskLevel>(higher, 'none')
  const named = phrases.filter(([kind]) => !off.has(kind)).map(([, phrase]) => phrase)
  return { level, kinds, phrases: [...new Set(named)] }
}

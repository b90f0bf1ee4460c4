// The language a person wrote in, told on the machine (no service ever sees the text): eld's
// n-gram detector (measured against tinyld, franc and cld in bench/languages.ts: the most
// accurate on short helpline messages), with two things it cannot tell on its own, each from the
// way the language is written:
// - Tigrinya and Amharic share the Ge'ez script and eld knows Amharic only; Tigrinya writes the
//   vowel "a" as ኣ (Amharic: አ) and has letters Amharic has not (the ቐ and ኸ rows).
// - Nigerian Pidgin is English-based: eld says English; its own everyday words ("wetin", "abeg",
//   "dey", "una") tell it apart, or nothing does.
// - One word ("ciao", "hola", "да") is too short for n-grams: the few words people open with or
//   answer by are looked up in the languages Ascolto was built for.
// Where eld hesitates between a language people write to Italian helplines in and one they seldom
// do (Russian or Bulgarian), the first wins. A text too short or too ambiguous to tell answers
// "und" (undetermined), never a guess.
import { largeModelDetector as eld } from './large-model-detector.ts'

export type DetectedLanguage = { language: string; confidence: number }

/** Below this, a text's own words decide nothing: the conversation keeps the language it has. */
export const CONFIDENT = 0.5

const UNDETERMINED: DetectedLanguage = { language: 'und', confidence: 0 }

const ETHIOPIC = /[\u1200-\u137f]/u
const TIGRINYA_SIGNS = /[\u12a3\u1250-\u125d\u12b8-\u12c5]/u
const PIDGIN_WORDS = new Set(['wetin', 'abeg', 'pikin', 'wahala', 'sabi', 'oga', 'wey', 'dey', 'comot'])
// English says "I don't", "I can't", "I am": Pidgin "I no", "I no fit", "I don", "I be"; "una"
// (you, plural) is Italian and Spanish too, so it counts only beside an English word
const PIDGIN_PHRASES =
  /\b(?:(?:i|we|you|he|she|e|dem) (?:no|don|be|fit)|no fit|well well|na wrong|(?:how|disturb|tell|as) una|una (?:dey|go|fit|don|hear|service))(?![\p{L}'’])/u

/** The languages of the people Italian helplines hear from, which win a near tie. */
const EXPECTED = new Set([
  'it',
  'en',
  'fr',
  'es',
  'pt',
  'ro',
  'sq',
  'ar',
  'uk',
  'ru',
  'zh',
  'bn',
  'ur',
  'de',
  'pl',
  'tr',
  'hi',
  'pa',
  'fa',
])
const NEAR_TIE = 0.05

/** Single words n-grams cannot place: greetings, yes and no, "help". */
const SHORT_WORDS: Record<string, string> = {
  ciao: 'it',
  si: 'it',
  salve: 'it',
  buonasera: 'it',
  buongiorno: 'it',
  aiuto: 'it',
  grazie: 'it',
  sì: 'it',
  hello: 'en',
  hi: 'en',
  hey: 'en',
  help: 'en',
  thanks: 'en',
  yes: 'en',
  bonjour: 'fr',
  bonsoir: 'fr',
  salut: 'fr',
  merci: 'fr',
  oui: 'fr',
  hola: 'es',
  buenas: 'es',
  ayuda: 'es',
  gracias: 'es',
  olá: 'pt',
  oi: 'pt',
  obrigado: 'pt',
  obrigada: 'pt',
  sim: 'pt',
  ajuda: 'pt',
  ajutor: 'ro',
  bună: 'ro',
  buna: 'ro',
  mulțumesc: 'ro',
  multumesc: 'ro',
  mersi: 'ro',
  përshëndetje: 'sq',
  tungjatjeta: 'sq',
  faleminderit: 'sq',
  ndihmë: 'sq',
  ndihme: 'sq',
  привет: 'ru',
  здравствуйте: 'ru',
  помогите: 'ru',
  спасибо: 'ru',
  да: 'ru',
  привіт: 'uk',
  допоможіть: 'uk',
  дякую: 'uk',
  так: 'uk',
}
// what says nothing of a language: addresses, numbers, punctuation, emoji
const NOISE = /https?:\/\/\S+|\S+@\S+|[\p{N}\p{P}\p{S}]/gu

export function detectLanguage(text: string): DetectedLanguage {
  const words = text.replace(NOISE, ' ').trim()
  if (!/\p{L}/u.test(words)) return UNDETERMINED
  if (ETHIOPIC.test(words)) {
    return { language: TIGRINYA_SIGNS.test(words) ? 'ti' : 'am', confidence: 0.6 }
  }
  const single = SHORT_WORDS[words.toLowerCase()]
  if (single) return { language: single, confidence: 0.5 }
  if (isPidgin(text.toLowerCase())) return { language: 'pcm', confidence: 0.6 }
  const result = eld.detect(words)
  const ranked = Object.entries(result.getScores()).sort(([, a], [, b]) => b - a)
  const top = ranked[0]
  if (!top) return UNDETERMINED
  const expected = ranked.find(([language]) => EXPECTED.has(language))
  const [language, score] = expected && (top[1] - expected[1]) / top[1] < NEAR_TIE ? expected : top
  const runnerUp = ranked.find(([other]) => other !== language)
  // how far ahead the language is, and whether eld had enough of the text to be sure
  const lead = runnerUp ? (score - runnerUp[1]) / score : 1
  const confidence = Math.min(1, Math.round(((result.isReliable() ? 0.5 : 0) + lead * 2) * 100) / 100)
  return confidence < 0.05 ? UNDETERMINED : { language, confidence }
}

function isPidgin(text: string): boolean {
  return PIDGIN_PHRASES.test(text) || text.split(/[\s,.!?]+/u).some((word) => PIDGIN_WORDS.has(word))
}

// What simulated people write: ordinary first messages in their language (bench/data/languages),
// and at each risk level phrases the triage recognises. Each phrase is checked against the
// triage with the helpline's own settings when the week is drawn, so a change to the rules that
// stops recognising one shows here at once instead of quietly shifting the risk mix.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { triageMessage } from '@ascolto/core'
import type { HelplineSettings, RiskLevel } from '@ascolto/protocol'
import { pick, type Random } from './random.ts'

export type Risk = RiskLevel

/** Phrases by language and level; a language without them writes its risk in English. */
const AT_RISK: Record<string, Partial<Record<Risk, string[]>>> = {
  it: {
    medium: ['ho le pastiglie', 'anni fa ho tentato il suicidio, ora sto meglio'],
    high: [
      'voglio farla finita',
      'ho 14 anni e mio padre mi picchia',
      'mi hanno preso il passaporto e mi costringono a prostituirmi',
    ],
    imminent: [
      'stanotte voglio farla finita',
      'sono sul ponte e voglio buttarmi',
      'mio marito è qui fuori con un coltello',
      'il mio amico non respira dopo aver preso eroina',
    ],
  },
  en: {
    high: ['my boyfriend hits me and checks my phone'],
    imminent: ['I want to kill myself tonight'],
  },
  es: { high: ['quiero morir'] },
  ro: { high: ['vreau sa mor'] },
  fr: { imminent: ['je veux mourir ce soir'] },
}

export const RISK_MIX: Record<Risk, number> = { none: 0.8, medium: 0.11, high: 0.065, imminent: 0.025 }

const ordinary = new Map<string, string[]>()
function ordinaryIn(language: string) {
  let lines = ordinary.get(language)
  if (!lines) {
    const file = path.join(import.meta.dirname, '..', 'data', 'languages', `${language}.txt`)
    lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
    ordinary.set(language, lines)
  }
  return lines
}

/** A first message at this level in this language (or in Italian, then English, when it has no phrase). */
export function firstMessage(
  rnd: Random,
  settings: HelplineSettings,
  language: string,
  risk: Risk,
): { text: string; language: string } {
  if (risk === 'none') {
    const lines = ordinaryIn(language)
    return { text: lines[Math.floor(rnd() * lines.length)] as string, language }
  }
  const own = AT_RISK[language]?.[risk]
  const [phrases, written] = own
    ? [own, language]
    : AT_RISK.en?.[risk] && language !== 'it'
      ? [AT_RISK.en[risk] as string[], 'en']
      : [AT_RISK.it?.[risk] as string[], 'it']
  const text = phrases[Math.floor(rnd() * phrases.length)] as string
  const seen = triageMessage(text, settings.triage).level
  if (seen !== risk) throw new Error(`The triage reads «${text}» as ${seen}, not ${risk}: update texts.ts`)
  return { text, language: written }
}

export const drawRisk = (rnd: Random) => pick(rnd, RISK_MIX)

/** What a person writes after the volunteer's first words. */
export const FOLLOW_UP: Record<string, string> = {
  it: 'grazie di avermi risposto, posso raccontarti cosa succede?',
  en: 'thank you for answering, can I tell you what is going on?',
}
export const followUpIn = (language: string) => FOLLOW_UP[language] ?? (FOLLOW_UP.en as string)

export const OPERATOR_WORDS = {
  first: 'Ciao, sono qui. Raccontami pure, ti ascolto.',
  next: 'Capisco. Prenditi il tempo che ti serve.',
}

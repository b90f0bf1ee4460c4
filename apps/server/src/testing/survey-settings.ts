// The survey the tests set: a scale of 1 to 5 and a yes or no, on the doors asked for.
import { defaultSettings, importHelplineSettings } from '@ascolto/core'
import type { Pool } from '@ascolto/db'
import type { SurveyChannelKind } from '@ascolto/protocol'

export const SURVEY_QUESTIONS = [
  {
    id: 'useful',
    kind: 'scale' as const,
    text: { it: 'Ti è stato utile parlare con noi?', en: 'Was talking to us useful?' },
  },
  {
    id: 'again',
    kind: 'yesNo' as const,
    text: { it: 'Ci riscriveresti?', en: 'Would you write to us again?' },
  },
]

export async function setSurvey(pool: Pool, helplineId: string, channelKinds: SurveyChannelKind[]) {
  await importHelplineSettings(pool, helplineId, {
    ...defaultSettings('Linea', 'Europe/Rome', 'it'),
    survey: { channelKinds, questions: SURVEY_QUESTIONS },
  })
}

// The survey after a conversation closes, as the form edits it, and back: the doors by kind (ticks),
// up to three questions. A survey with no door ticked and no question is no survey: it leaves the file.
import type { Texts } from './form-model.ts'
import { list, object } from './loose.ts'

export const SURVEY_KINDS = ['webchat', 'whatsapp', 'twilio', 'telegram'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]
export const MAX_SURVEY_QUESTIONS = 3

export type SurveyQuestionForm = { id: string; kind: 'scale' | 'yesNo'; text: Texts }
export type SurveyForm = { channelKinds: SurveyKind[]; questions: SurveyQuestionForm[] }

const isKind = (value: unknown): value is SurveyKind => (SURVEY_KINDS as readonly unknown[]).includes(value)

export function surveyToForm(value: unknown, textsOf: (value: unknown) => Texts): SurveyForm {
  const survey = object(value)
  return {
    channelKinds: list(survey.channelKinds).filter(isKind),
    questions: list(survey.questions).map((q) => ({
      id: typeof object(q).id === 'string' ? (object(q).id as string) : '',
      kind: object(q).kind === 'yesNo' ? 'yesNo' : 'scale',
      text: textsOf(object(q).text),
    })),
  }
}

/** The file's survey, or undefined for none; a question's id is made from its place when left empty. */
export function surveyFromForm(
  form: SurveyForm,
  localized: (texts: Texts) => Record<string, string> | undefined,
) {
  if (form.channelKinds.length === 0 && form.questions.length === 0) return undefined
  return {
    channelKinds: SURVEY_KINDS.filter((kind) => form.channelKinds.includes(kind)),
    questions: form.questions.map((q, index) => ({
      id: q.id.trim() || `question-${index + 1}`,
      kind: q.kind,
      text: localized(q.text) ?? {},
    })),
  }
}

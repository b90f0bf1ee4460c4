// The survey after a conversation closes, as plain rules: which doors get it, what a text channel
// asks, which reply is an answer, and what a settings file may say. No I/O.
import type { HelplineSettings, SurveySettings } from '@ascolto/protocol'

/** How long after the close an answer is taken (the widget's form, a text channel's number). */
export const SURVEY_HOURS = 4

/** The helpline's survey when this kind of door gets it, else null. */
export function surveyFor(settings: HelplineSettings, channelKind: string): SurveySettings | null {
  const survey = settings.survey
  return survey && (survey.channelKinds as readonly string[]).includes(channelKind) ? survey : null
}

/** The question a text channel sends: the first on a scale of 1 to 5. */
export function textQuestionOf(survey: SurveySettings) {
  return survey.questions.find((question) => question.kind === 'scale') ?? null
}

const instruction = {
  it: 'Rispondi con un numero da 1 a 5 (1 = per niente, 5 = moltissimo).',
  en: 'Reply with a number from 1 to 5 (1 = not at all, 5 = very much).',
}

/** The text message that asks it, in the helpline's main language (or the first it has). */
export function textQuestionMessage(settings: HelplineSettings, question: { text: Record<string, string> }) {
  const language = settings.languages[0] ?? 'it'
  const text = question.text[language] ?? Object.values(question.text)[0] ?? ''
  return `${text}\n${language === 'en' ? instruction.en : instruction.it}`
}

const consentQuestion = {
  it: 'Quando chiuderemo questa conversazione, possiamo mandarti una sola domanda su come è andata? Rispondi SÌ se sei d’accordo; altrimenti non ti scriveremo.',
  en: 'When we close this conversation, may we send you one question about how it went? Reply YES if you agree; otherwise we will not write.',
}

/** The question the volunteer sends to ask for the survey, in the helpline's main language. */
export function surveyConsentQuestion(settings: HelplineSettings) {
  return settings.languages[0] === 'en' ? consentQuestion.en : consentQuestion.it
}

/** A reply that is just a yes ("sì", "Si!", "yes", "ok"), else false. */
export function saysYes(text: string): boolean {
  return /^\s*(s[iìí]|yes|ok|okay)\s*[.!]?\s*$/i.test(text)
}

/** A reply of just a number from 1 to 5 ("4", " 4. "), else null: anything else is a new message. */
export function surveyNumber(text: string): number | null {
  const match = /^\s*([1-5])\s*[.!]?\s*$/.exec(text)
  return match ? Number(match[1]) : null
}

/** The widget's answers checked against the questions: known ids, a number for a scale, yes/no for yesNo. */
export function surveyAnswerProblems(survey: SurveySettings, answers: Record<string, number | boolean>) {
  const kinds = new Map(survey.questions.map((question) => [question.id, question.kind]))
  const problems: string[] = []
  for (const [id, value] of Object.entries(answers)) {
    const kind = kinds.get(id)
    if (!kind) problems.push(`answers.${id}: not a question of this survey`)
    else if (kind === 'scale' && typeof value !== 'number')
      problems.push(`answers.${id}: a number from 1 to 5`)
    else if (kind === 'yesNo' && typeof value !== 'boolean') problems.push(`answers.${id}: yes or no`)
  }
  return problems
}

/** What the settings file's survey must also be beyond its schema, each problem naming its field. */
export function checkSurveySettings(settings: HelplineSettings): string[] {
  const survey = settings.survey
  if (!survey) return []
  const problems: string[] = []
  const seen = new Set<string>()
  survey.questions.forEach((question, index) => {
    if (seen.has(question.id)) problems.push(`survey.questions[${index}].id: ${question.id} is used twice`)
    seen.add(question.id)
    const language = settings.languages[0]
    if (language && !(language in question.text))
      problems.push(`survey.questions[${index}].text: needs a text in ${language}`)
  })
  const texts = survey.channelKinds.filter((kind) => kind !== 'webchat')
  if (texts.length > 0 && !textQuestionOf(survey)) {
    problems.push(
      `survey.questions: ${texts.join(', ')} ask the first question on a scale of 1 to 5: add one`,
    )
  }
  return problems
}

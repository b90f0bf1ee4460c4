// The report form as the helpline's settings define it (pure): the settings' own checks, the form
// the page shows, and a submission read against it. A submission that does not fit the form is
// refused whole, with every problem named; nothing of it is stored.
import type {
  HelplineSettings,
  LocalizedText,
  ReportAnswer,
  ReportFormInfo,
  ReportFormSettings,
} from '@ascolto/protocol'
import { AscoltoError } from '../errors.ts'

/** What the settings schema cannot say: ids once, options only on choices, texts in the main language. */
export function checkReportForm(settings: HelplineSettings): string[] {
  const form = settings.reportForm
  if (!form) return []
  const problems: string[] = []
  const language = settings.languages[0] ?? 'it'
  const needs = (field: string, text: LocalizedText | undefined) => {
    if (text && !(language in text)) problems.push(`${field}: needs a text in ${language}`)
  }
  needs('reportForm.title', form.title)
  needs('reportForm.intro', form.intro)
  const seen = new Set<string>()
  form.questions.forEach((question, i) => {
    const field = `reportForm.questions[${i}]`
    if (seen.has(question.id)) problems.push(`${field}.id: ${question.id} is used twice`)
    seen.add(question.id)
    needs(`${field}.label`, question.label)
    needs(`${field}.help`, question.help)
    if (question.type === 'choice' && !question.options)
      problems.push(`${field}.options: a choice lists its options`)
    if (question.type !== 'choice' && question.options)
      problems.push(`${field}.options: only a choice has options`)
    question.options?.forEach((option, j) => {
      needs(`${field}.options[${j}].label`, option.label)
    })
  })
  return problems
}

export function reportFormInfo(settings: HelplineSettings, form: ReportFormSettings): ReportFormInfo {
  return {
    languages: settings.languages,
    title: form.title,
    intro: form.intro ?? null,
    questions: form.questions.map((question) => ({
      id: question.id,
      type: question.type,
      label: question.label,
      help: question.help ?? null,
      options: question.options ?? [],
      required: question.required ?? false,
    })),
  }
}

const inLanguage = (text: LocalizedText, language: string, fallback: string) =>
  text[language] ?? text[fallback] ?? Object.values(text)[0] ?? ''

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The answers in the order of the form, labelled in the language the reporter read it in (so the
 * desk reads what they answered), and the options chosen, for the statistics.
 */
export function readReportAnswers(
  settings: HelplineSettings,
  form: ReportFormSettings,
  input: { answers: Record<string, string>; language: string },
): { answers: ReportAnswer[]; choices: Record<string, string> } {
  const problems: string[] = []
  const known = new Set(form.questions.map((question) => question.id))
  for (const id of Object.keys(input.answers)) {
    if (!known.has(id)) problems.push(`answers.${id}: the form has no such question`)
  }
  const language = settings.languages.includes(input.language)
    ? input.language
    : (settings.languages[0] ?? 'it')
  const main = settings.languages[0] ?? 'it'
  const answers: ReportAnswer[] = []
  const choices: Record<string, string> = {}
  for (const question of form.questions) {
    const value = (input.answers[question.id] ?? '').trim()
    const field = `answers.${question.id}`
    if (!value) {
      if (question.required) problems.push(`${field}: this question must be answered`)
      continue
    }
    let shown = value
    if (question.type === 'choice') {
      const option = question.options?.find((o) => o.id === value)
      if (!option) {
        problems.push(`${field}: not one of the options`)
        continue
      }
      shown = inLanguage(option.label, language, main)
      choices[question.id] = option.id
    } else if (question.type === 'yesNo') {
      if (value !== 'yes' && value !== 'no') {
        problems.push(`${field}: 'yes' or 'no'`)
        continue
      }
      choices[question.id] = value
    } else if (question.type === 'date') {
      if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        problems.push(`${field}: a date YYYY-MM-DD`)
        continue
      }
    }
    answers.push({
      id: question.id,
      type: question.type,
      label: inLanguage(question.label, language, main),
      value: shown,
    })
  }
  if (answers.length === 0 && problems.length === 0) problems.push('answers: the report is empty')
  if (problems.length > 0) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `The report was not sent: ${problems.join('; ')}`)
  }
  return { answers, choices }
}

/** The form of a helpline that has one; otherwise its report door does not exist. */
export function reportFormOf(settings: HelplineSettings): ReportFormSettings {
  if (!settings.reportForm)
    throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'This helpline has no report form')
  return settings.reportForm
}

// Which question of the closing form keeps a close from going through: checked here before sending
// (the form may have changed live while the dialog was open), and read from the server's refusal
// ("outcome.<question>: required"), so the dialog names the question and takes the operator to it.
import type { DeskSettings } from '@ascolto/protocol'
import { ApiError } from '../api/http.ts'

type Question = NonNullable<DeskSettings['closingForm']>[number]

export class MissingAnswer extends Error {
  readonly question: Question
  constructor(question: Question) {
    super(`outcome.${question.id}: required`)
    this.question = question
  }
}

/** The first required question left without an answer, if any. */
export function firstMissing(questions: readonly Question[], outcome: Record<string, string>) {
  return questions.find((question) => question.required && !outcome[question.id])
}

/** The question a refusal is about: ours, or one the server names in its problems. */
export function missingOf(error: unknown, questions: readonly Question[]): Question | undefined {
  if (error instanceof MissingAnswer) return error.question
  if (!(error instanceof ApiError)) return undefined
  for (const problem of error.problems.length > 0 ? error.problems : error.message.split('; ')) {
    const id = /^outcome\.([a-z0-9-]+): /.exec(problem)?.[1]
    const question = questions.find((candidate) => candidate.id === id)
    if (question) return question
  }
  return undefined
}

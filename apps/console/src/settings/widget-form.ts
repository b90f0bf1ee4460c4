// The chat on the helpline's site as the form edits it, and back: whether the person accepts the
// policy before the first message, and the short questions asked before the chat. The rest of
// `widget` (the sites that may carry it, the page title…) passes through untouched.
import type { QuestionForm } from './form-model.ts'
import { labelled, labelledOf, withIds } from './form-parts.ts'
import { type Loose, list, object } from './loose.ts'

export type WidgetForm = { requirePolicy: boolean; questions: QuestionForm[] }

export function widgetToForm(value: unknown): WidgetForm {
  const widget = object(value)
  return {
    requirePolicy: widget.requirePolicy === true,
    questions: list(widget.questions).map((q) => ({
      ...labelledOf(q),
      required: object(q).required === true,
      options: list(object(q).options).map(labelledOf),
    })),
  }
}

/** `widget` with the form's part; left out when nothing is set, as a file without it says the same. */
export function widgetFromForm(form: WidgetForm, base: Loose, languages: string[]) {
  const { requirePolicy, questions: _questions, ...rest } = base
  const questions = withIds(form.questions, languages, 'question').map((q) => ({
    ...labelled(q, languages),
    options: withIds(q.options, languages, 'option').map((o) => labelled(o, languages)),
    ...(q.required ? { required: true } : {}),
  }))
  const widget = {
    ...rest,
    // off is what a file without it means: written only when on, or over a file that said it
    ...(form.requirePolicy || requirePolicy !== undefined ? { requirePolicy: form.requirePolicy } : {}),
    ...(questions.length > 0 ? { questions } : {}),
  }
  return Object.keys(widget).length > 0 ? { widget } : {}
}

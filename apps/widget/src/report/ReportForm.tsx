import type { ReportFormInfo } from '@ascolto/protocol'
import { useState } from 'preact/hooks'
import { localized, type ReportStrings } from './strings.ts'

type Props = {
  form: ReportFormInfo
  t: ReportStrings
  sending: boolean
  error: string | null
  /** the person started answering: the proof of work can start meanwhile */
  onStart: () => void
  onSend: (answers: Record<string, string>) => void
}

/** The helpline's questions as plain form controls: they work with any keyboard, reader or old phone. */
export function ReportForm({ form, t, sending, error, onStart, onSend }: Props) {
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [missing, setMissing] = useState<string[]>([])
  const main = form.languages[0]
  const text = (texts: Record<string, string> | null) => localized(texts, t.lang, main)
  const set = (id: string, value: string) => {
    onStart()
    setAnswers((before) => ({ ...before, [id]: value }))
    if (value.trim()) setMissing((before) => before.filter((missed) => missed !== id))
  }

  return (
    <form
      class="report-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const unanswered = form.questions.filter((q) => q.required && !answers[q.id]?.trim()).map((q) => q.id)
        setMissing(unanswered)
        if (unanswered.length === 0) onSend(answers)
      }}
    >
      {form.intro && (
        <p class="report-intro" dir="auto">
          {text(form.intro)}
        </p>
      )}
      <p class="report-note">{t.anonymous}</p>
      {form.questions.map((question) => {
        const id = `q-${question.id}`
        const label = (
          <>
            <span dir="auto">{text(question.label)}</span>{' '}
            <span class="report-tag">({question.required ? t.required : t.optional})</span>
          </>
        )
        const help = question.help && (
          <span id={`${id}-help`} class="report-help" dir="auto">
            {text(question.help)}
          </span>
        )
        const invalid = missing.includes(question.id)
        const problem = invalid && (
          <span id={`${id}-problem`} class="report-problem">
            {t.answerRequired}
          </span>
        )
        const describedBy =
          [question.help && `${id}-help`, invalid && `${id}-problem`].filter(Boolean).join(' ') || undefined
        if (question.type === 'choice' || question.type === 'yesNo') {
          const options =
            question.type === 'yesNo'
              ? [
                  { id: 'yes', label: t.yes },
                  { id: 'no', label: t.no },
                ]
              : question.options.map((option) => ({ id: option.id, label: text(option.label) }))
          return (
            <fieldset key={question.id} class="report-question" aria-describedby={describedBy}>
              <legend>{label}</legend>
              {help}
              {options.map((option) => (
                <label key={option.id} class="report-option">
                  <input
                    type="radio"
                    name={id}
                    value={option.id}
                    checked={answers[question.id] === option.id}
                    onChange={() => set(question.id, option.id)}
                  />{' '}
                  <span dir="auto">{option.label}</span>
                </label>
              ))}
              {problem}
            </fieldset>
          )
        }
        const common = {
          id,
          value: answers[question.id] ?? '',
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          onInput: (event: Event) => set(question.id, (event.currentTarget as HTMLInputElement).value),
        }
        return (
          <div key={question.id} class="report-question">
            <label for={id}>{label}</label>
            {help}
            {question.type === 'text' ? (
              <textarea {...common} rows={4} maxLength={4000} dir="auto" />
            ) : question.type === 'date' ? (
              <input {...common} type="date" placeholder={t.datePlaceholder} />
            ) : (
              <input {...common} type="text" maxLength={4000} dir="auto" autoComplete="off" />
            )}
            {problem}
          </div>
        )
      })}
      <p role="alert" class="report-problem">
        {missing.length > 0 ? t.fixAbove : (error ?? '')}
      </p>
      <button type="submit" class="report-send" disabled={sending}>
        {t.send}
      </button>
      <p role="status" class="report-note">
        {sending ? t.sending : ''}
      </p>
    </form>
  )
}

import type { WidgetInfo } from '@ascolto/protocol'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Strings } from './i18n.ts'
import { localized } from './Prechat.tsx'

// The few questions after the conversation closed: a scale of 1 to 5 or yes/no, radio groups in
// fieldsets, every answer optional, nothing to type (so nothing that could say who the person is).

type Props = {
  questions: NonNullable<WidgetInfo['survey']>
  t: Strings
  onDone: (answers: Record<string, number | boolean>) => void
}

export function Survey({ questions, t, onDone }: Props) {
  const [answers, setAnswers] = useState<Record<string, number | boolean>>({})
  const intro = useRef<HTMLParagraphElement>(null)
  // the composer it replaces had the focus: it lands here, where a screen reader reads why
  useEffect(() => intro.current?.focus(), [])
  const choice = (id: string, value: number | boolean, label: string) => (
    <label key={label} class="choice">
      <input
        type="radio"
        name={`survey-${id}`}
        checked={answers[id] === value}
        onChange={() => setAnswers({ ...answers, [id]: value })}
      />
      <span>{label}</span>
    </label>
  )
  return (
    <form
      class="survey"
      onSubmit={(event) => {
        event.preventDefault()
        onDone(answers)
      }}
    >
      <p ref={intro} tabIndex={-1} class="prechat-intro">
        {t.surveyIntro}
      </p>
      {questions.map((question) => (
        <fieldset key={question.id} class="question">
          <legend dir="auto">{localized(question.text, t.lang)}</legend>
          {question.kind === 'scale' ? (
            <>
              <p class="hint">{t.surveyScale}</p>
              <div class="scale">{[1, 2, 3, 4, 5].map((n) => choice(question.id, n, String(n)))}</div>
            </>
          ) : (
            <div class="scale">{[choice(question.id, true, t.yes), choice(question.id, false, t.no)]}</div>
          )}
        </fieldset>
      ))}
      <div class="survey-actions">
        <button type="submit" class="send">
          {t.surveySend}
        </button>
        <button type="button" class="tool" onClick={() => onDone({})}>
          {t.surveySkip}
        </button>
      </div>
    </form>
  )
}

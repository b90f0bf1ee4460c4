import type { WidgetInfo, WidgetPrechatAnswers } from '@ascolto/protocol'
import { useState } from 'preact/hooks'
import type { Strings } from './i18n.ts'

// The helpline's questions before the chat (age band, topic, language) and the policy to accept.
// Radio groups in fieldsets, a checkbox with its link: nothing a screen reader or a keyboard
// cannot use. Nothing is sent until the first message, which carries the answers.

type Props = { info: WidgetInfo; t: Strings; onDone: (prechat: WidgetPrechatAnswers) => void }

/** The helpline's text in the widget's language, or in the first language it wrote it in. */
export const localized = (texts: Record<string, string>, lang: string) =>
  texts[lang] ?? Object.values(texts)[0] ?? ''

export function Prechat({ info, t, onDone }: Props) {
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [accepted, setAccepted] = useState(false)
  const [tried, setTried] = useState(false)
  const missing = info.questions.filter((question) => question.required && !answers[question.id])
  const policyMissing = info.policy !== null && !accepted
  return (
    <form
      class="prechat"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        setTried(true)
        if (missing.length > 0 || policyMissing) return
        onDone(info.policy ? { answers, policyVersion: info.policy.version } : { answers })
      }}
    >
      <p class="prechat-intro">{t.prechatIntro}</p>
      {info.questions.map((question) => {
        const error = tried && missing.includes(question)
        return (
          <fieldset
            key={question.id}
            class="question"
            aria-describedby={error ? `q-${question.id}-error` : undefined}
          >
            <legend dir="auto">{localized(question.label, t.lang)}</legend>
            {question.options.map((option) => (
              <label key={option.id} class="choice">
                <input
                  type="radio"
                  name={question.id}
                  value={option.id}
                  checked={answers[question.id] === option.id}
                  required={question.required}
                  onChange={() => setAnswers({ ...answers, [question.id]: option.id })}
                />
                <span dir="auto">{localized(option.label, t.lang)}</span>
              </label>
            ))}
            {error && (
              <p id={`q-${question.id}-error`} class="field-error">
                {t.answerRequired}
              </p>
            )}
          </fieldset>
        )
      })}
      {info.policy && (
        <div class="policy">
          <a href={info.policy.url} target="_blank" rel="noopener noreferrer">
            {t.policyLink}
          </a>
          <label class="choice">
            <input
              type="checkbox"
              checked={accepted}
              aria-describedby={tried && policyMissing ? 'policy-error' : undefined}
              onChange={(event) => setAccepted(event.currentTarget.checked)}
            />
            <span>{t.policyAccept}</span>
          </label>
          {tried && policyMissing && (
            <p id="policy-error" class="field-error">
              {t.policyRequired}
            </p>
          )}
        </div>
      )}
      <button type="submit" class="send start">
        {t.start}
      </button>
    </form>
  )
}

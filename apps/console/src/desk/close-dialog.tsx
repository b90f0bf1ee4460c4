// Closing with the helpline's form: its categories (what the conversation was about) and its
// outcome questions. The answers go to the conversation's anonymous facts, for the statistics.
import type { CloseBody, DeskSetup } from '@ascolto/protocol'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { firstMissing, MissingAnswer, missingOf } from './closing-form-check.ts'
import { DeskDialog } from './desk-dialog.tsx'
import { localized } from './use-desk-setup.ts'

type Props = {
  name: string
  setup: DeskSetup
  disabled: boolean
  onClose: (body: CloseBody) => Promise<void>
}

export function CloseDialog({ name, setup, disabled, onClose }: Props) {
  const { t, i18n } = useTranslation()
  const prefix = useId()
  const [categories, setCategories] = useState<string[]>([])
  const [outcome, setOutcome] = useState<Record<string, string>>({})
  // the question a refused close is about: marked, named in the alert, and focused
  const [missing, setMissing] = useState<string | null>(null)
  const say = (text: Parameters<typeof localized>[0]) => localized(text, i18n.language, setup.languages)
  const { categories: known = [], closingForm = [] } = setup.desk

  return (
    <DeskDialog
      opener={t('conversation.close')}
      title={t('closing.title', { name })}
      intro={t('closing.intro')}
      submit={t('closing.confirm')}
      cancel={t('closing.cancel')}
      disabled={disabled}
      onOpen={() => {
        setCategories([])
        setOutcome({})
        setMissing(null)
      }}
      onSubmit={async () => {
        const unanswered = firstMissing(closingForm, outcome)
        try {
          if (unanswered) throw new MissingAnswer(unanswered)
          await onClose({ categories, outcome })
        } catch (error) {
          const question = missingOf(error, closingForm)
          setMissing(question?.id ?? null)
          if (question) document.getElementById(`${prefix}-${question.id}`)?.focus()
          throw error
        }
      }}
      failureText={(error) => {
        const question = missingOf(error, closingForm)
        return question ? t('closing.missing', { question: say(question.label) }) : undefined
      }}
    >
      {known.length > 0 && (
        <fieldset className="choice-group">
          <legend>{t('closing.categories')}</legend>
          {known.map((category) => (
            <label key={category.id} className="choice">
              <input
                type="checkbox"
                checked={categories.includes(category.id)}
                onChange={(event) =>
                  setCategories((all) =>
                    event.target.checked ? [...all, category.id] : all.filter((id) => id !== category.id),
                  )
                }
              />
              {say(category.label)}
            </label>
          ))}
        </fieldset>
      )}
      {closingForm.map((question) => (
        <div key={question.id} className="field">
          <label htmlFor={`${prefix}-${question.id}`}>
            {say(question.label)}
            {question.required ? '' : ` ${t('closing.optional')}`}
          </label>
          {/* checked on submit rather than by the browser, so the refusal names the question in words */}
          <select
            id={`${prefix}-${question.id}`}
            aria-required={question.required}
            aria-invalid={missing === question.id}
            aria-describedby={missing === question.id ? `${prefix}-${question.id}-missing` : undefined}
            value={outcome[question.id] ?? ''}
            onChange={(event) => {
              const value = event.target.value
              if (value && missing === question.id) setMissing(null)
              setOutcome(({ [question.id]: _old, ...rest }) =>
                value ? { ...rest, [question.id]: value } : rest,
              )
            }}
          >
            <option value="">{t('closing.choose')}</option>
            {question.options.map((option) => (
              <option key={option.id} value={option.id}>
                {say(option.label)}
              </option>
            ))}
          </select>
          {missing === question.id && (
            <p id={`${prefix}-${question.id}-missing`} className="field-error">
              {t('closing.answerThis')}
            </p>
          )}
        </div>
      ))}
    </DeskDialog>
  )
}

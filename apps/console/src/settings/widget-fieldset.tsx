// The chat on the helpline's site: whether the person accepts the privacy policy before writing,
// and the short questions asked before the chat (age band, topic…), each with its answers.
import { useTranslation } from 'react-i18next'
import { emptyItem, QuestionDetails } from './desk-fieldsets.tsx'
import { useField } from './field.ts'
import type { QuestionForm } from './form-model.ts'
import { LabelledList } from './labelled-list.tsx'
import type { SectionProps } from './sections.ts'

/** The widget asks at most this many (the settings file's limit). */
const MAX_QUESTIONS = 5

export function WidgetFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  const widget = form.widget
  const requirePolicy = useField('widget.requirePolicy')
  return (
    <fieldset className="settings-section" id="settings-section-widget">
      <legend>{t('settings.sections.widget')}</legend>
      <label className="choice" htmlFor={requirePolicy.id}>
        <input
          type="checkbox"
          {...requirePolicy}
          checked={widget.requirePolicy}
          onChange={(event) => edit('widget', { ...widget, requirePolicy: event.target.checked })}
        />
        {t('settings.widget.requirePolicy')}
      </label>
      <p className="hint">
        {form.policy.url.trim()
          ? t('settings.widget.requirePolicyHint')
          : t('settings.widget.requirePolicyNoUrl')}
      </p>
      <fieldset className="subsection">
        <legend>{t('settings.widget.questions')}</legend>
        <p className="hint">{t('settings.widget.questionsIntro', { count: MAX_QUESTIONS })}</p>
        <LabelledList<QuestionForm>
          path="widget.questions"
          items={widget.questions}
          onChange={(questions) => edit('widget', { ...widget, questions })}
          empty={() => ({ ...emptyItem(), required: false, options: [emptyItem(), emptyItem()] })}
          languages={languages}
          title={(number) => t('settings.widget.question', { number })}
          add={t('settings.widget.addQuestion')}
          full={widget.questions.length >= MAX_QUESTIONS}
          more={(question, index, change) => (
            <QuestionDetails
              path={`widget.questions[${index}]`}
              question={question}
              languages={languages}
              requiredLabel={t('settings.widget.required')}
              onChange={change}
            />
          )}
        />
      </fieldset>
    </fieldset>
  )
}

// The survey after a conversation closes: which kinds of door get it (the widget shows a form, a
// text channel is sent the first scale question), and up to three short questions.
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import { LocalizedText } from './localized-text.tsx'
import { useRows } from './rows.ts'
import type { SectionProps } from './sections.ts'
import { MAX_SURVEY_QUESTIONS, SURVEY_KINDS, type SurveyQuestionForm } from './survey-form.ts'

export function SurveyFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  const survey = form.survey
  const kinds = useField('survey.channelKinds')
  const rows = useRows(
    survey.questions,
    (questions) => edit('survey', { ...survey, questions }),
    (): SurveyQuestionForm => ({ id: '', kind: 'scale', text: {} }),
  )
  return (
    <fieldset className="settings-section" id="settings-section-survey">
      <legend>{t('settings.sections.survey')}</legend>
      <p className="hint">{t('settings.survey.intro')}</p>
      <fieldset className="subsection">
        <legend>{t('settings.survey.channels')}</legend>
        {SURVEY_KINDS.map((kind) => (
          <label className="choice" key={kind} htmlFor={`${kinds.id}-${kind}`}>
            <input
              type="checkbox"
              {...kinds}
              id={`${kinds.id}-${kind}`}
              checked={survey.channelKinds.includes(kind)}
              onChange={(event) =>
                edit('survey', {
                  ...survey,
                  channelKinds: event.target.checked
                    ? [...survey.channelKinds, kind]
                    : survey.channelKinds.filter((k) => k !== kind),
                })
              }
            />
            {t(`settings.survey.kinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div ref={rows.list}>
        {survey.questions.map((question, index) => (
          <QuestionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the row's place in the file
            key={index}
            index={index}
            question={question}
            languages={languages}
            onChange={(changed) => rows.replace(index, changed)}
            onRemove={() => rows.remove(index)}
          />
        ))}
      </div>
      {survey.questions.length < MAX_SURVEY_QUESTIONS && (
        <button
          ref={rows.addButton}
          type="button"
          className="button-secondary button-small"
          onClick={rows.add}
        >
          {t('settings.survey.add')}
        </button>
      )}
    </fieldset>
  )
}

type RowProps = {
  index: number
  question: SurveyQuestionForm
  languages: string[]
  onChange: (question: SurveyQuestionForm) => void
  onRemove: () => void
}

function QuestionRow({ index, question, languages, onChange, onRemove }: RowProps) {
  const { t } = useTranslation()
  const path = `survey.questions[${index}]`
  const kind = useField(`${path}.kind`)
  const title = t('settings.survey.item', { number: index + 1 })
  return (
    <fieldset className="subsection row-item" data-row>
      <legend>{title}</legend>
      <div className="field">
        <label htmlFor={kind.id}>{t('settings.survey.kind')}</label>
        <select
          {...kind}
          className="short-input"
          value={question.kind}
          onChange={(event) =>
            onChange({ ...question, kind: event.target.value === 'yesNo' ? 'yesNo' : 'scale' })
          }
        >
          <option value="scale">{t('settings.survey.scale')}</option>
          <option value="yesNo">{t('settings.survey.yesNo')}</option>
        </select>
      </div>
      <LocalizedText
        path={`${path}.text`}
        legend={t('settings.survey.text')}
        languages={languages}
        texts={question.text}
        onChange={(text) => onChange({ ...question, text })}
      />
      <button type="button" className="button-quiet button-small" onClick={onRemove}>
        {t('settings.remove')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </fieldset>
  )
}

// The desk's own settings: the categories a conversation is closed with, the closing form's
// questions, the steps after a safeguarding flag, and how conversations reach the volunteers.
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { LabelledForm, QuestionForm } from './form-model.ts'
import { LabelledList } from './labelled-list.tsx'
import type { SectionProps } from './sections.ts'
import { TextField } from './text-field.tsx'

export const emptyItem = (): LabelledForm => ({ id: '', label: {} })

export function CategoriesFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  return (
    <fieldset className="settings-section" id="settings-section-categories">
      <legend>{t('settings.sections.categories')}</legend>
      <p className="hint">{t('settings.categories.intro')}</p>
      <LabelledList
        path="desk.categories"
        items={form.categories}
        onChange={(categories) => edit('categories', categories)}
        empty={emptyItem}
        languages={languages}
        title={(number) => t('settings.categories.item', { number })}
        add={t('settings.categories.add')}
      />
    </fieldset>
  )
}

export function ClosingFormFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  return (
    <fieldset className="settings-section" id="settings-section-closingForm">
      <legend>{t('settings.sections.closingForm')}</legend>
      <p className="hint">{t('settings.closingForm.intro')}</p>
      <LabelledList<QuestionForm>
        path="desk.closingForm"
        items={form.closingForm}
        onChange={(closingForm) => edit('closingForm', closingForm)}
        // a question offers a choice: two answers to start with, the fewest it may have
        empty={() => ({ ...emptyItem(), required: false, options: [emptyItem(), emptyItem()] })}
        languages={languages}
        title={(number) => t('settings.closingForm.item', { number })}
        add={t('settings.closingForm.add')}
        more={(question, index, change) => (
          <QuestionDetails
            path={`desk.closingForm[${index}]`}
            question={question}
            languages={languages}
            requiredLabel={t('settings.closingForm.required')}
            onChange={change}
          />
        )}
      />
    </fieldset>
  )
}

type QuestionProps = {
  path: string
  question: QuestionForm
  languages: string[]
  /** What "required" means for this form's questions. */
  requiredLabel: string
  onChange: (question: QuestionForm) => void
}

/** A question's answers to choose from, and whether it must be answered. */
export function QuestionDetails({ path, question, languages, requiredLabel, onChange }: QuestionProps) {
  const required = useField(`${path}.required`)
  return (
    <>
      <label className="choice" htmlFor={required.id}>
        <input
          type="checkbox"
          {...required}
          checked={question.required}
          onChange={(event) => onChange({ ...question, required: event.target.checked })}
        />
        {requiredLabel}
      </label>
      <AnswersList
        path={`${path}.options`}
        options={question.options}
        languages={languages}
        onChange={(options) => onChange({ ...question, options })}
      />
    </>
  )
}

type AnswersProps = {
  path: string
  options: LabelledForm[]
  languages: string[]
  onChange: (options: LabelledForm[]) => void
}

/** The answers a question (or a step of the emergency procedure) offers: at least two. */
export function AnswersList({ path, options, languages, onChange }: AnswersProps) {
  const { t } = useTranslation()
  return (
    // too few answers: the server names the list, which marks every answer's names
    <fieldset className="subsection answers">
      <legend>{t('settings.answers.legend')}</legend>
      <p className="hint">{t('settings.answers.hint')}</p>
      <LabelledList
        path={path}
        items={options}
        onChange={onChange}
        empty={emptyItem}
        languages={languages}
        title={(number) => t('settings.answers.item', { number })}
        add={t('settings.answers.add')}
      />
    </fieldset>
  )
}

export function PlaybookFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  return (
    <fieldset className="settings-section" id="settings-section-playbook">
      <legend>{t('settings.sections.playbook')}</legend>
      <p className="hint">{t('settings.playbook.intro')}</p>
      <LabelledList
        path="desk.escalationPlaybook"
        items={form.playbook}
        onChange={(playbook) => edit('playbook', playbook)}
        empty={emptyItem}
        languages={languages}
        title={(number) => t('settings.playbook.item', { number })}
        add={t('settings.playbook.add')}
      />
    </fieldset>
  )
}

export function AssignmentFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  return (
    <fieldset className="settings-section" id="settings-section-assignment">
      <legend>{t('settings.sections.assignment')}</legend>
      <fieldset className="subsection">
        <legend>{t('settings.assignment.choice')}</legend>
        {(['manual', 'automatic'] as const).map((way) => (
          <label key={way} className="choice">
            <input
              type="radio"
              name="desk-assignment"
              checked={form.assignment === way}
              onChange={() => edit('assignment', way)}
            />
            {t(`settings.assignment.${way}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        path="desk.maxConcurrent"
        label={t('settings.assignment.limit')}
        hint={t('settings.assignment.limitHint')}
        value={form.maxConcurrent}
        onChange={(maxConcurrent) => edit('maxConcurrent', maxConcurrent)}
        numeric
      />
      <TextField
        path="desk.stillAliveMinutes"
        label={t('settings.assignment.stillAlive')}
        hint={t('settings.assignment.stillAliveHint')}
        value={form.stillAliveMinutes}
        onChange={(stillAliveMinutes) => edit('stillAliveMinutes', stillAliveMinutes)}
        numeric
      />
      <label className="choice">
        <input
          type="checkbox"
          checked={form.showWait}
          onChange={(event) => edit('showWait', event.target.checked)}
        />
        {t('settings.assignment.showWait')}
      </label>
      <p className="hint">{t('settings.assignment.showWaitHint')}</p>
      <TextField
        path="desk.reopenHours"
        label={t('settings.assignment.reopen')}
        hint={t('settings.assignment.reopenHint')}
        value={form.reopenHours}
        onChange={(reopenHours) => edit('reopenHours', reopenHours)}
        numeric
      />
    </fieldset>
  )
}

// The emergency take-in procedure ("presa in carico in emergenza"): the steps an operator records
// when a case of this kind opens, each with what it records. No step: the desk offers none.
import { useTranslation } from 'react-i18next'
import { AnswersList, emptyItem } from './desk-fieldsets.tsx'
import { EMERGENCY_FIELD_KINDS, type EmergencyStepForm } from './emergency-form.ts'
import { useField } from './field.ts'
import { LabelledList } from './labelled-list.tsx'
import type { SectionProps } from './sections.ts'

export function EmergencyFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  return (
    <fieldset className="settings-section" id="settings-section-emergency">
      <legend>{t('settings.sections.emergency')}</legend>
      <p className="hint">{t('settings.emergency.intro')}</p>
      <LabelledList<EmergencyStepForm>
        path="cases.emergency.steps"
        items={form.emergency}
        onChange={(emergency) => edit('emergency', emergency)}
        empty={() => ({ ...emptyItem(), field: 'text', options: [] })}
        languages={languages}
        title={(number) => t('settings.emergency.item', { number })}
        add={t('settings.emergency.add')}
        more={(step, index, change) => (
          <StepDetails
            path={`cases.emergency.steps[${index}]`}
            step={step}
            languages={languages}
            onChange={change}
          />
        )}
      />
    </fieldset>
  )
}

type StepProps = {
  path: string
  step: EmergencyStepForm
  languages: string[]
  onChange: (step: EmergencyStepForm) => void
}

function StepDetails({ path, step, languages, onChange }: StepProps) {
  const { t } = useTranslation()
  const field = useField(`${path}.field`)
  return (
    <>
      <div className="field">
        <label htmlFor={field.id}>{t('settings.emergency.field')}</label>
        <select
          {...field}
          value={step.field}
          onChange={(event) => {
            const kind = EMERGENCY_FIELD_KINDS.find((k) => k === event.target.value) ?? 'text'
            // a step that becomes a choice starts with the two answers it needs at least
            const options =
              kind === 'choices' && step.options.length === 0 ? [emptyItem(), emptyItem()] : step.options
            onChange({ ...step, field: kind, options })
          }}
        >
          {EMERGENCY_FIELD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`settings.emergency.fields.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {step.field === 'choices' && (
        <AnswersList
          path={`${path}.options`}
          options={step.options}
          languages={languages}
          onChange={(options) => onChange({ ...step, options })}
        />
      )}
    </>
  )
}

// What the statistics may show: the figures per operator, off unless a coordinator turns them on
// (conversations handled and times, seen by coordinators only, listed by name).
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { SectionProps } from './sections.ts'

export function StatisticsFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  const perOperator = useField('statistics.perOperator')
  const hint = useId()
  return (
    <fieldset className="settings-section" id="settings-section-statistics">
      <legend>{t('settings.sections.statistics')}</legend>
      <label className="choice" htmlFor={perOperator.id}>
        <input
          type="checkbox"
          {...perOperator}
          aria-describedby={hint}
          checked={form.perOperator}
          onChange={(event) => edit('perOperator', event.target.checked)}
        />
        {t('settings.statistics.perOperator')}
      </label>
      <p id={hint} className="hint">
        {t('settings.statistics.perOperatorHint')}
      </p>
    </fieldset>
  )
}

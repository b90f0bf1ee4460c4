// Opening hours: open day and night, or ranges per weekday (one day's copied to every day with a
// click); public holidays and the patron saint's day.
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import { type SettingsForm, WEEKDAYS } from './form-model.ts'
import { RangesEditor } from './ranges-editor.tsx'
import type { Edit } from './sections.ts'

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

export function OpeningFieldset({ form, edit }: { form: SettingsForm; edit: Edit }) {
  const { t, i18n } = useTranslation()
  const alwaysOpen = useField('opening.alwaysOpen')
  const holidays = useField('opening.closedOnPublicHolidays')
  const month = useField('opening.patronSaintDay.month')
  const day = useField('opening.patronSaintDay.day')
  const patronName = useField('opening.patronSaintDay.name')
  const monthName = (m: number) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, m - 1, 1)),
    )

  return (
    <fieldset className="settings-section" id="settings-section-opening">
      <legend>{t('settings.sections.opening')}</legend>
      <label className="choice" htmlFor={alwaysOpen.id}>
        <input
          type="checkbox"
          {...alwaysOpen}
          checked={form.alwaysOpen}
          onChange={(event) => edit('alwaysOpen', event.target.checked)}
        />
        {t('settings.opening.alwaysOpen')}
      </label>
      {form.alwaysOpen ? (
        <p className="hint">{t('settings.opening.alwaysOpenHint')}</p>
      ) : (
        <>
          <p className="hint">{t('settings.opening.timesHint')}</p>
          <div className="weekdays">
            {WEEKDAYS.map((weekday) => (
              <fieldset key={weekday} className="weekday">
                <legend>{t(`settings.days.${weekday}`)}</legend>
                <RangesEditor
                  path={`opening.weekly.${weekday}`}
                  dayName={t(`settings.days.${weekday}`)}
                  ranges={form.weekly[weekday]}
                  onChange={(ranges) => edit('weekly', { ...form.weekly, [weekday]: ranges })}
                />
                <button
                  type="button"
                  className="button-quiet copy-day"
                  onClick={() =>
                    edit(
                      'weekly',
                      Object.fromEntries(
                        WEEKDAYS.map((day) => [day, form.weekly[weekday].map((range) => ({ ...range }))]),
                      ) as SettingsForm['weekly'],
                    )
                  }
                >
                  {t('openingCopy.toEveryDay')}
                  <span className="visually-hidden">
                    {' '}
                    {t('openingCopy.from', { day: t(`settings.days.${weekday}`) })}
                  </span>
                </button>
              </fieldset>
            ))}
          </div>
        </>
      )}
      <label className="choice" htmlFor={holidays.id}>
        <input
          type="checkbox"
          {...holidays}
          checked={form.closedOnPublicHolidays}
          onChange={(event) => edit('closedOnPublicHolidays', event.target.checked)}
        />
        {t('settings.opening.closedOnPublicHolidays')}
      </label>
      <fieldset className="subsection patron">
        <legend>{t('settings.opening.patron')}</legend>
        <p className="hint">{t('settings.opening.patronHint')}</p>
        <div className="row">
          <div className="field">
            <label htmlFor={day.id}>{t('settings.opening.patronDay')}</label>
            <input
              type="number"
              min={1}
              max={31}
              {...day}
              className="number-input"
              value={form.patron.day}
              onChange={(event) => edit('patron', { ...form.patron, day: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={month.id}>{t('settings.opening.patronMonth')}</label>
            <select
              {...month}
              value={form.patron.month}
              onChange={(event) => edit('patron', { ...form.patron, month: event.target.value })}
            >
              <option value="">{t('settings.opening.noPatron')}</option>
              {MONTHS.map((m) => (
                <option key={m} value={String(m)}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={patronName.id}>{t('settings.opening.patronName')}</label>
            <input
              type="text"
              {...patronName}
              value={form.patron.name}
              onChange={(event) => edit('patron', { ...form.patron, name: event.target.value })}
            />
          </div>
        </div>
      </fieldset>
    </fieldset>
  )
}

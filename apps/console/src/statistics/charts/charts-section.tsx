// The statistics screen's charts, loaded with their chart library only when the screen opens (a
// separate chunk: the console's first screen stays within its budget). Filters narrow every
// conversation chart; the period before can be laid beside; each chart keeps its table, its words
// and its download. Cases and referrals follow the period only: their facts have no door or language.
import type { Charts, ChartsQuery, Membership } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getCharts } from '../../api/statistics-charts.ts'
import { languageName } from '../../desk/labels.ts'
import { textIn } from '../format-seconds.ts'
import { BarsFigure } from './bars-figure.tsx'
import { type ChartContext, COLORS, counted } from './chart-kit.ts'
import { HoursFigure } from './hours-figure.tsx'
import { OperatorFigures } from './operator-figures.tsx'
import { type Series, SeriesFigure } from './series-figure.tsx'
import './charts.css'

type Props = {
  helplineId: string
  role: Membership['role'] | undefined
  period: { from: string; to: string }
  doorLabel: (kind: string) => string
  onError: (error: unknown) => void
}
type Filters = Pick<ChartsQuery, 'door' | 'language' | 'category' | 'flag'>
const WAITS = ['< 1 min', '1–5 min', '5–15 min', '15–60 min', '1–4 h', '4–24 h', '> 24 h']

export default function ChartsSection({ helplineId, role, period, doorLabel, onError }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { heading: useId(), compare: useId() }
  const language = i18n.resolvedLanguage ?? 'it'
  const [filters, setFilters] = useState<Filters>({})
  const [compare, setCompare] = useState(false)
  const [charts, setCharts] = useState<Charts | null>(null)
  const query: ChartsQuery = { ...period, ...filters }
  const key = JSON.stringify(query)

  useEffect(() => {
    let current = true
    getCharts(helplineId, JSON.parse(key)).then((loaded) => current && setCharts(loaded), onError)
    return () => {
      current = false
    }
  }, [helplineId, key, onError])

  if (!charts) return null
  const context: ChartContext = { charts, query, compare }
  const label = (texts: Record<string, string> | null, fallback: string) =>
    texts ? textIn(texts, language, charts.language) : fallback
  const doorOf = (key: string) => charts.choices.doors.find((door) => door.id === key)
  const peak = (counts: { start: string; count: Charts['weeks']['now'][number]['count'] }[]) =>
    [...counts].sort((a, b) => (counted(b.count) ?? -1) - (counted(a.count) ?? -1))[0]
  const trend = (table: 'weeks' | 'months') => {
    const { now, before } = charts[table]
    const series: Series[] = [
      { name: t('statistics.charts.now'), color: COLORS.now, counts: now.map((p) => p.count) },
      ...(compare
        ? [
            {
              name: t('statistics.charts.before'),
              color: COLORS.before,
              dashed: true,
              counts: now.map((_, i) => before[i]?.count ?? 0),
            },
          ]
        : []),
    ]
    const top = peak(now)
    const summary =
      top && counted(top.count)
        ? t(`statistics.charts.${table}Peak`, {
            day: new Date(`${top.start}T12:00:00Z`).toLocaleDateString(language, {
              day: 'numeric',
              month: 'long',
              ...(table === 'months' && { day: undefined, year: 'numeric' }),
            }),
            count: counted(top.count),
          })
        : t('statistics.charts.nothing')
    return { series, summary, starts: now.map((p) => p.start) }
  }
  const select = (name: keyof Filters, options: { id: string; name: string }[]) => (
    <FilterSelect
      label={t(`statistics.charts.filters.${name}`)}
      all={t('statistics.charts.filters.all')}
      value={filters[name] ?? ''}
      options={options}
      onChange={(value) => setFilters({ ...filters, [name]: value || undefined })}
    />
  )

  return (
    <section aria-labelledby={ids.heading} className="charts">
      <h3 id={ids.heading}>{t('statistics.charts.title')}</h3>
      <fieldset className="row statistics-period chart-filters">
        <legend className="visually-hidden">{t('statistics.charts.filters.legend')}</legend>
        {select(
          'door',
          charts.choices.doors.map((door) => ({ id: door.id, name: door.name || doorLabel(door.kind) })),
        )}
        {select(
          'language',
          charts.choices.languages.map((code) => ({ id: code, name: languageName(code, language) })),
        )}
        {select(
          'category',
          charts.choices.categories.map((c) => ({ id: c.id, name: label(c.label, c.id) })),
        )}
        {select(
          'flag',
          charts.choices.flags.map((flag) => ({
            id: flag,
            name: t(`statistics.charts.flags.${flag}`, { defaultValue: flag }),
          })),
        )}
        <label className="chart-compare" htmlFor={ids.compare}>
          <input
            id={ids.compare}
            type="checkbox"
            checked={compare}
            onChange={(e) => setCompare(e.target.checked)}
          />
          {t('statistics.charts.compare', { from: charts.previous.from, to: charts.previous.to })}
        </label>
      </fieldset>
      <div className="chart-grid">
        <HoursFigure context={context} />
        <SeriesFigure
          context={context}
          title={t('statistics.charts.weeks')}
          table="weeks"
          {...trend('weeks')}
        />
        <SeriesFigure
          context={context}
          title={t('statistics.charts.months')}
          table="months"
          {...trend('months')}
        />
        <BarsFigure
          context={context}
          title={t('statistics.charts.doors')}
          table="doors"
          bars={charts.doors}
          nameOf={(bar) => bar.name || doorOf(bar.key)?.name || doorLabel(bar.key)}
        />
        <BarsFigure
          context={context}
          title={t('statistics.charts.languages')}
          table="languages"
          bars={charts.languages}
          nameOf={(bar) =>
            bar.key === 'none' ? t('statistics.cross.none') : languageName(bar.key, language)
          }
        />
        {(['queue', 'firstReply', 'leftWaiting'] as const).map((wait) => (
          <BarsFigure
            key={wait}
            context={context}
            title={t(`statistics.charts.${wait}`)}
            table="waits"
            upright
            bars={charts.waits[wait]}
            nameOf={(bar) => WAITS[Number(bar.key)] ?? bar.key}
          />
        ))}
        <BarsFigure
          context={context}
          title={t('statistics.charts.due')}
          table="due"
          bars={charts.due}
          nameOf={(bar) =>
            t(bar.key === 'kept' ? 'statistics.charts.dueKeys.kept' : 'statistics.charts.dueKeys.missed')
          }
        />
        <BarsFigure
          context={context}
          title={t('statistics.charts.categories')}
          table="categories"
          bars={charts.categories}
          nameOf={(bar) => (bar.key === 'none' ? t('statistics.cross.none') : label(bar.label, bar.key))}
        />
        {charts.outcomes.map((question) => (
          <BarsFigure
            key={question.id}
            context={context}
            title={t('statistics.charts.outcome', { question: label(question.label, question.id) })}
            table="outcomes"
            bars={question.answers}
            nameOf={(bar) => label(bar.label, bar.key)}
          />
        ))}
        <SeriesFigure
          context={context}
          title={t('statistics.charts.cases')}
          summary={t('statistics.charts.periodOnly')}
          table="cases"
          starts={charts.cases.map((week) => week.start)}
          series={[
            {
              name: t('statistics.charts.opened'),
              color: COLORS.now,
              counts: charts.cases.map((w) => w.opened),
            },
            {
              name: t('statistics.charts.closed'),
              color: COLORS.open,
              counts: charts.cases.map((w) => w.closed),
            },
          ]}
        />
        <SeriesFigure
          context={context}
          title={t('statistics.charts.referrals')}
          summary={t('statistics.charts.periodOnly')}
          table="referrals"
          starts={charts.referrals.map((week) => week.start)}
          series={[
            { name: t('statistics.charts.in'), color: COLORS.now, counts: charts.referrals.map((w) => w.in) },
            {
              name: t('statistics.charts.out'),
              color: COLORS.before,
              counts: charts.referrals.map((w) => w.out),
            },
          ]}
        />
      </div>
      {role === 'coordinator' && <OperatorFigures helplineId={helplineId} period={period} />}
    </section>
  )
}

function FilterSelect(props: {
  label: string
  all: string
  value: string
  options: { id: string; name: string }[]
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  )
}

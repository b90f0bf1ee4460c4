// The survey's statistics for supervisors and coordinators: for a period (the days conversations
// closed on), per door how many closed and how many answered, and per question how many gave each
// answer. Counts from the anonymous facts only: nothing here leads back to a person.
import type { Membership, SurveyStatistics } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getSurveyStatistics } from '../api/desk.ts'
import type { useLabels } from '../desk/labels.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { statisticsHref } from '../desk/use-hash-route.ts'
import '../room/room.css'
import './statistics.css'

type Props = {
  helplines: Membership[]
  helplineId: string
  labels: ReturnType<typeof useLabels>
  onError: (error: unknown) => void
}

type Question = SurveyStatistics['questions'][number]
const answersOf = (question: Question) =>
  question.kind === 'scale' ? ['1', '2', '3', '4', '5'] : ['yes', 'no']

export function StatisticsScreen({ helplines, helplineId, labels, onError }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { heading: useId(), doors: useId() }
  const heading = useRef<HTMLHeadingElement>(null)
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({})
  const [typed, setTyped] = useState({ from: '', to: '' })
  const [stats, setStats] = useState<SurveyStatistics | null>(null)

  useEffect(() => {
    let current = true
    getSurveyStatistics(helplineId, period).then((loaded) => {
      if (!current) return
      setStats(loaded)
      setTyped({ from: loaded.from, to: loaded.to })
    }, onError)
    return () => {
      current = false
    }
  }, [helplineId, period, onError])

  const language = i18n.resolvedLanguage ?? 'it'
  const textOf = (texts: Record<string, string>) => texts[language] ?? Object.values(texts)[0] ?? ''
  const doorName = (door: SurveyStatistics['channels'][number]) =>
    `${labels.channel(door.channelKind)}${door.channelName ? ` · ${door.channelName}` : ''}`
  const count = (channelId: string | null, questionId: string, answer: string) =>
    stats?.counts.find((c) => c.channelId === channelId && c.questionId === questionId && c.answer === answer)
      ?.count ?? 0
  const average = (channelId: string | null, questionId: string) => {
    const given = ['1', '2', '3', '4', '5'].map((a) => [Number(a), count(channelId, questionId, a)] as const)
    const total = given.reduce((sum, [, n]) => sum + n, 0)
    if (total === 0) return '–'
    const mean = given.reduce((sum, [value, n]) => sum + value * n, 0) / total
    return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(mean)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setPeriod({ from: typed.from || undefined, to: typed.to || undefined })
  }

  return (
    <main id="settings" className="settings-page room-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop
        headingId={ids.heading}
        heading={heading}
        title={t('statistics.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: statisticsHref }}
      />
      <form className="row statistics-period" onSubmit={submit}>
        <DayField
          label={t('statistics.from')}
          value={typed.from}
          onChange={(from) => setTyped({ ...typed, from })}
        />
        <DayField label={t('statistics.to')} value={typed.to} onChange={(to) => setTyped({ ...typed, to })} />
        <button type="submit" className="button-secondary">
          {t('statistics.show')}
        </button>
      </form>
      {!stats ? (
        <p className="muted" role="status">
          {t('statistics.loading')}
        </p>
      ) : (
        <>
          <p className="hint">{t('statistics.intro')}</p>
          <section aria-labelledby={ids.doors}>
            <h3 id={ids.doors}>{t('statistics.doors')}</h3>
            {stats.channels.length === 0 ? (
              <p className="muted">{t('statistics.none')}</p>
            ) : (
              <table className="room-table">
                <thead>
                  <tr>
                    <th scope="col">{t('room.channel')}</th>
                    <th scope="col">{t('statistics.closed')}</th>
                    <th scope="col">{t('statistics.answered')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.channels.map((door) => (
                    <tr key={door.channelId ?? door.channelKind}>
                      <th scope="row">{doorName(door)}</th>
                      <td>{door.closed}</td>
                      <td>{door.answered}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {stats.questions.length === 0 && <p className="muted">{t('statistics.noSurvey')}</p>}
          {stats.channels.length > 0 &&
            stats.questions.map((question) => (
              <section key={question.id} aria-label={textOf(question.text)}>
                <table className="room-table statistics-table">
                  <caption>{textOf(question.text)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('room.channel')}</th>
                      {answersOf(question).map((answer) => (
                        <th scope="col" key={answer}>
                          {question.kind === 'scale' ? answer : t(`statistics.${answer as 'yes' | 'no'}`)}
                        </th>
                      ))}
                      {question.kind === 'scale' && <th scope="col">{t('statistics.average')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {stats.channels.map((door) => (
                      <tr key={door.channelId ?? door.channelKind}>
                        <th scope="row">{doorName(door)}</th>
                        {answersOf(question).map((answer) => (
                          <td key={answer}>{count(door.channelId, question.id, answer)}</td>
                        ))}
                        {question.kind === 'scale' && <td>{average(door.channelId, question.id)}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
        </>
      )}
    </main>
  )
}

function DayField({
  label,
  value,
  onChange,
}: {
  label: string
  value: string
  onChange: (day: string) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  )
}

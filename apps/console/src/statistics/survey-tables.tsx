// The survey's answers of the period: per question and door, how many gave each answer (with the
// average of a 1–5 scale). How many answered at all is a column of the doors' table.
import type { Statistics } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from './cell.ts'
import { PeriodDownloads } from './download-links.tsx'
import { textIn } from './format-seconds.ts'

type Props = { stats: Statistics; doorName: (door: Statistics['channels'][number]) => string }
type Question = Statistics['survey']['questions'][number]

const SCALE = ['1', '2', '3', '4', '5']
const answersOf = (question: Question) => (question.kind === 'scale' ? SCALE : ['yes', 'no'])

export function SurveyTables({ stats, doorName }: Props) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const language = i18n.resolvedLanguage ?? 'it'
  const count = (channelId: string | null, questionId: string, answer: string) =>
    stats.survey.counts.find(
      (c) => c.channelId === channelId && c.questionId === questionId && c.answer === answer,
    )?.count ?? 0
  // a withheld count leaves no average: with the others and the average, it would come back
  const average = (channelId: string | null, questionId: string) => {
    const cells = SCALE.map((a) => [Number(a), count(channelId, questionId, a)] as const)
    const given = cells.flatMap(([value, n]) => (typeof n === 'number' ? [[value, n] as const] : []))
    if (given.length < cells.length) return '–'
    const total = given.reduce((sum, [, n]) => sum + n, 0)
    if (total === 0) return '–'
    const mean = given.reduce((sum, [value, n]) => sum + value * n, 0) / total
    return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(mean)
  }

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it
    <section aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId}>{t('statistics.survey')}</h3>
      {stats.survey.questions.length === 0 ? (
        <p className="muted">{t('statistics.noSurvey')}</p>
      ) : (
        stats.channels.length > 0 && (
          <>
            {stats.survey.questions.map((question) => (
              <table key={question.id} className="room-table statistics-table">
                <caption>{textIn(question.text, language, stats.language)}</caption>
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
                        <td key={answer}>{cellText(count(door.channelId, question.id, answer), stats)}</td>
                      ))}
                      {question.kind === 'scale' && <td>{average(door.channelId, question.id)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
            <PeriodDownloads stats={stats} table="survey" title={t('statistics.survey')} />
          </>
        )
      )}
    </section>
  )
}

// The closed conversations of the period: per door (how many, how many answered the survey where
// there is one, how long in queue, how fast the first reply, how long), per category, and per
// answer of each closing-form question. Ids the settings no longer have are shown by id, marked as
// removed.
import type { Cell, Statistics } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from './cell.ts'
import { PeriodDownloads } from './download-links.tsx'
import { formatSeconds, textIn } from './format-seconds.ts'

type Props = { stats: Statistics; doorName: (door: Statistics['channels'][number]) => string }
type Counted = Statistics['categories'][number]

export function ConversationTables({ stats, doorName }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { doors: useId(), categories: useId(), form: useId() }
  const language = i18n.resolvedLanguage ?? 'it'
  const nameOf = ({ id, label }: Pick<Counted, 'id' | 'label'>) =>
    label ? textIn(label, language, stats.language) : t('statistics.removed', { id })
  const withSurvey = stats.survey.questions.length > 0
  const figures = ({ closed, answered, queue, firstResponse, duration, ...left }: Statistics['total']) => (
    <>
      <td>{cellText(closed, stats)}</td>
      {withSurvey && <td>{cellText(answered, stats)}</td>}
      <td>{formatSeconds(queue.median, language)}</td>
      <td>{formatSeconds(queue.average, language)}</td>
      <td>{formatSeconds(firstResponse.median, language)}</td>
      <td>{formatSeconds(firstResponse.average, language)}</td>
      <td>{formatSeconds(duration.median, language)}</td>
      <td>{formatSeconds(duration.average, language)}</td>
      <td>{cellText(left.abandoned, stats)}</td>
      <td>{formatSeconds(left.abandonedWait.median, language)}</td>
    </>
  )

  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it */}
      <section aria-labelledby={ids.doors} tabIndex={0}>
        <h3 id={ids.doors}>{t('statistics.doors')}</h3>
        {stats.channels.length === 0 ? (
          <p className="muted">{t('statistics.none')}</p>
        ) : (
          <>
            <table className="room-table statistics-table statistics-doors" aria-labelledby={ids.doors}>
              <thead>
                <tr>
                  <th scope="col">{t('room.channel')}</th>
                  <th scope="col">{t('statistics.closed')}</th>
                  {withSurvey && <th scope="col">{t('statistics.answered')}</th>}
                  <th scope="col">{t('statistics.queueMedian')}</th>
                  <th scope="col">{t('statistics.queueAverage')}</th>
                  <th scope="col">{t('statistics.firstResponseMedian')}</th>
                  <th scope="col">{t('statistics.firstResponseAverage')}</th>
                  <th scope="col">{t('statistics.durationMedian')}</th>
                  <th scope="col">{t('statistics.durationAverage')}</th>
                  <th scope="col">{t('statistics.abandoned')}</th>
                  <th scope="col">{t('statistics.abandonedWaitMedian')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.channels.map((door) => (
                  <tr key={door.channelId ?? door.channelKind}>
                    <th scope="row">{doorName(door)}</th>
                    {figures(door)}
                  </tr>
                ))}
              </tbody>
              {stats.channels.length > 1 && (
                <tfoot>
                  <tr>
                    <th scope="row">{t('statistics.allDoors')}</th>
                    {figures(stats.total)}
                  </tr>
                </tfoot>
              )}
            </table>
            <p className="hint">{t('statistics.timesHint')}</p>
            <PeriodDownloads stats={stats} table="conversations" title={t('statistics.doors')} />
          </>
        )}
      </section>
      <section aria-labelledby={ids.categories}>
        <h3 id={ids.categories}>{t('statistics.categories')}</h3>
        {stats.categories.length === 0 ? (
          <p className="muted">{t('statistics.noCategories')}</p>
        ) : (
          <>
            <CountTable
              labelledBy={ids.categories}
              heading={t('statistics.category')}
              stats={stats}
              rows={[
                ...stats.categories.map((category) => ({ ...category, name: nameOf(category) })),
                { id: '', name: t('statistics.withoutCategory'), count: stats.withoutCategory },
              ]}
            />
            <PeriodDownloads stats={stats} table="closedByCategory" title={t('statistics.categories')} />
          </>
        )}
      </section>
      <section aria-labelledby={ids.form}>
        <h3 id={ids.form}>{t('statistics.closingForm')}</h3>
        {stats.closingForm.length === 0 && <p className="muted">{t('statistics.noClosingForm')}</p>}
        {stats.closingForm.map((question) => (
          <CountTable
            key={question.id}
            caption={nameOf(question)}
            heading={t('statistics.answer')}
            stats={stats}
            rows={[
              ...question.answers.map((answer) => ({ ...answer, name: nameOf(answer) })),
              { id: '', name: t('statistics.unanswered'), count: question.unanswered },
            ]}
          />
        ))}
        {stats.closingForm.length > 0 && (
          <PeriodDownloads stats={stats} table="closingForm" title={t('statistics.closingForm')} />
        )}
      </section>
    </>
  )
}

/** Two columns: what was counted, and in how many conversations. */
function CountTable({
  caption,
  labelledBy,
  heading,
  stats,
  rows,
}: {
  caption?: string
  labelledBy?: string
  heading: string
  stats: Statistics
  rows: { id: string; name: string; count: Cell }[]
}) {
  const { t } = useTranslation()
  return (
    <table className="room-table statistics-table statistics-counts" aria-labelledby={labelledBy}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{t('statistics.conversations')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">{row.name}</th>
            <td>{cellText(row.count, stats)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

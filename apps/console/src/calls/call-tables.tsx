// The calls of the period in the statistics: per door and all doors together, how many, how each
// ended, how long they rang and lasted, and how soon a call-back came. Counts only, from the
// anonymous call facts.
import type { CallCounts, Statistics } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from '../statistics/cell.ts'
import { PeriodDownloads } from '../statistics/download-links.tsx'
import { formatSeconds } from '../statistics/format-seconds.ts'

export function CallTables({ stats }: { stats: Statistics }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const language = i18n.resolvedLanguage ?? 'it'
  if (stats.calls.length === 0) return null
  const name = (door: CallCounts) =>
    door.channelId === null ? t('statistics.allDoors') : (door.channelName ?? '–')
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it
    <section aria-labelledby={id} tabIndex={0}>
      <h3 id={id}>{t('calls.statistics.title')}</h3>
      <table className="room-table statistics-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t('room.channel')}</th>
            <th scope="col">{t('calls.statistics.calls')}</th>
            <th scope="col">{t('calls.statistics.answered')}</th>
            <th scope="col">{t('calls.statistics.unanswered')}</th>
            <th scope="col">{t('calls.statistics.voicemail')}</th>
            <th scope="col">{t('calls.statistics.abandoned')}</th>
            <th scope="col">{t('calls.statistics.refused')}</th>
            <th scope="col">{t('calls.statistics.ringMedian')}</th>
            <th scope="col">{t('calls.statistics.talkMedian')}</th>
            <th scope="col">{t('calls.statistics.talkAverage')}</th>
            <th scope="col">{t('calls.statistics.callbackMedian')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.calls.map((door) => (
            <tr key={door.channelId ?? 'all'}>
              <th scope="row">{name(door)}</th>
              <td>{cellText(door.calls, stats)}</td>
              <td>{cellText(door.answered, stats)}</td>
              <td>{cellText(door.unanswered, stats)}</td>
              <td>{cellText(door.voicemail, stats)}</td>
              <td>{cellText(door.abandoned, stats)}</td>
              <td>{cellText(door.refused, stats)}</td>
              <td>{formatSeconds(door.ring.median, language)}</td>
              <td>{formatSeconds(door.talk.median, language)}</td>
              <td>{formatSeconds(door.talk.average, language)}</td>
              <td>{formatSeconds(door.callbackFirstResponse.median, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PeriodDownloads stats={stats} table="calls" title={t('calls.statistics.title')} />
    </section>
  )
}

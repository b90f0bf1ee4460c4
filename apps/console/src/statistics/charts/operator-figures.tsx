// The figures per operator, for a coordinator where the helpline turned them on: conversations
// each had at close and their median times, listed by name (the server's order), never ranked.
// Off, the server refuses, and the screen says where to turn them on instead of an error.
import type { OperatorFigures as Figures } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/http.ts'
import { getOperatorFigures, operatorTableHref } from '../../api/statistics-charts.ts'
import { cellText } from '../cell.ts'
import { DownloadLinks } from '../download-links.tsx'
import { formatSeconds } from '../format-seconds.ts'

export function OperatorFigures({
  helplineId,
  period,
}: {
  helplineId: string
  period: { from: string; to: string }
}) {
  const { t, i18n } = useTranslation()
  const heading = useId()
  const language = i18n.resolvedLanguage ?? 'it'
  const [figures, setFigures] = useState<Figures | 'off' | null>(null)

  const { from, to } = period
  useEffect(() => {
    let current = true
    getOperatorFigures(helplineId, { from, to }).then(
      (loaded) => current && setFigures(loaded),
      (error) => current && setFigures(error instanceof ApiError && error.status === 403 ? 'off' : null),
    )
    return () => {
      current = false
    }
  }, [helplineId, from, to])

  return (
    <section aria-labelledby={heading} className="chart-operators">
      <h3 id={heading}>{t('statistics.operators.title')}</h3>
      {figures === 'off' ? (
        <p className="hint">{t('statistics.operators.off')}</p>
      ) : figures ? (
        <>
          <p className="hint">{t('statistics.operators.hint')}</p>
          <table className="room-table statistics-table statistics-counts" aria-labelledby={heading}>
            <thead>
              <tr>
                <th scope="col">{t('statistics.operators.name')}</th>
                <th scope="col">{t('statistics.operators.handled')}</th>
                <th scope="col">{t('statistics.firstResponseMedian')}</th>
                <th scope="col">{t('statistics.durationMedian')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.operators.map((operator) => (
                <tr key={operator.name}>
                  <th scope="row">{operator.name}</th>
                  <td>{cellText(operator.handled, figures)}</td>
                  <td>{formatSeconds(operator.firstReplyMedian, language)}</td>
                  <td>{formatSeconds(operator.durationMedian, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <DownloadLinks
            title={t('statistics.operators.title')}
            href={(format) => operatorTableHref(helplineId, { from, to }, format)}
          />
        </>
      ) : null}
    </section>
  )
}

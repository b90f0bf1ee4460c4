// A case at a glance: status, outcome, responsible operator, next follow-up (marked when overdue).
import type { CaseSummary } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { formatDueTime } from './format-due.ts'

export function CaseStatusLine({ summary }: { summary: CaseSummary }) {
  const { t, i18n } = useTranslation()
  return (
    <p className="case-status-line">
      {summary.kind === 'emergency' && (
        <strong className="case-emergency-kind">{t('cases.emergency.kind')} · </strong>
      )}
      <span className={`case-status case-status-${summary.status}`}>
        {t(`cases.status.${summary.status}`)}
      </span>
      {summary.outcome && ` · ${t(`cases.outcome.${summary.outcome}`)}`}
      {summary.responsible && ` · ${t('cases.responsible', { name: summary.responsible.displayName })}`}
      {summary.nextFollowUp && (
        <span className={summary.overdue ? 'case-overdue' : undefined}>
          {' · '}
          {t(summary.overdue ? 'cases.followUpOverdue' : 'cases.followUpNext', {
            time: formatDueTime(summary.nextFollowUp, i18n.language),
          })}
        </span>
      )}
    </p>
  )
}

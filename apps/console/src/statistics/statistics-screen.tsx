// The statistics for supervisors and coordinators: for a period (the days conversations closed on),
// the conversations per door, category and closing-form answer, then the survey's answers. Counts
// from the anonymous facts only: nothing here leads back to a person or lists one conversation.
import type { Membership, Statistics } from '@ascolto/protocol'
import { type FormEvent, lazy, Suspense, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getStatistics } from '../api/desk.ts'
import type { useLabels } from '../desk/labels.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { statisticsHref } from '../desk/use-hash-route.ts'
import '../room/room.css'
import { ConversationTables } from './conversation-tables.tsx'
import { ReferralTables } from './referral-tables.tsx'
import './statistics.css'
import { CallTables } from '../calls/call-tables.tsx'
import { CaseTables } from './case-tables.tsx'
import { CrossTables } from './cross-tables.tsx'
import { PeriodReportLink } from './period-report-link.tsx'
import { ReportTables } from './report-tables.tsx'
import { SurveyTables } from './survey-tables.tsx'

// the charts and their library come only with this screen, in a chunk of their own
const ChartsSection = lazy(() => import('./charts/charts-section.tsx'))

type Props = {
  helplines: Membership[]
  helplineId: string
  labels: ReturnType<typeof useLabels>
  onError: (error: unknown) => void
}

export function StatisticsScreen({ helplines, helplineId, labels, onError }: Props) {
  const { t } = useTranslation()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({})
  const [typed, setTyped] = useState({ from: '', to: '' })
  const [stats, setStats] = useState<Statistics | null>(null)

  useEffect(() => {
    let current = true
    getStatistics(helplineId, period).then((loaded) => {
      if (!current) return
      setStats(loaded)
      // the days shown fill the boxes, but never over what the person has typed meanwhile
      setTyped((typed) => ({ from: typed.from || loaded.from, to: typed.to || loaded.to }))
    }, onError)
    return () => {
      current = false
    }
  }, [helplineId, period, onError])

  const doorName = (door: Statistics['channels'][number]) => labels.door(door.channelKind, door.channelName)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setPeriod({ from: typed.from || undefined, to: typed.to || undefined })
  }

  return (
    <main id="settings" className="settings-page room-page" tabIndex={-1} aria-labelledby={headingId}>
      <ScreenTop
        headingId={headingId}
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
          <p className="hint">{t('statistics.suppressed', { minimum: stats.minimumCell })}</p>
          <PeriodReportLink helplineId={helplineId} from={stats.from} />
          <Suspense fallback={<p className="muted">{t('statistics.loading')}</p>}>
            <ChartsSection
              helplineId={helplineId}
              role={helplines.find((h) => h.helplineId === helplineId)?.role}
              period={{ from: stats.from, to: stats.to }}
              doorLabel={(kind) => labels.door(kind)}
              onError={onError}
            />
          </Suspense>
          <ConversationTables stats={stats} doorName={doorName} />
          <CrossTables
            helplineId={helplineId}
            stats={stats}
            doorLabel={(kind) => labels.door(kind)}
            onError={onError}
          />
          <CallTables stats={stats} />
          <CaseTables stats={stats} />
          <ReferralTables stats={stats} />
          <SurveyTables stats={stats} doorName={doorName} />
          <ReportTables stats={stats} />
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

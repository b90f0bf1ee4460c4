// The cases screen: one case (#/cases/<id>), or the list of the cases an operator reads with the
// follow-ups due today or overdue on those they are responsible for ("Da fare oggi").
import type { CaseSummary, CaseTask } from '@ascolto/protocol'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScreenTop } from '../desk/screen-top.tsx'
import { CasePage } from './case-page.tsx'
import { caseHref } from './case-route.ts'
import { CaseStatusLine } from './case-status-line.tsx'
import { listCases, listCaseTasks } from './cases-api.ts'
import { formatDueTime } from './format-due.ts'
import './cases.css'

type Props = {
  caseId: string | null
  myId: string
  supervises: (helplineId: string) => boolean
  coordinates: (helplineId: string) => boolean
  /** Grows when a case ('list': any case) changed elsewhere: read it again. */
  version: (key: string) => number
  onError: (error: unknown) => void
}

export function CasesScreen({ caseId, onError, version, ...roles }: Props) {
  if (caseId)
    return <CasePage key={caseId} caseId={caseId} version={version(caseId)} onError={onError} {...roles} />
  return <CaseList version={version('list')} onError={onError} />
}

function CaseList({ version, onError }: { version: number; onError: (error: unknown) => void }) {
  const { t, i18n } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const ids = { heading: useId(), today: useId(), all: useId() }
  const [cases, setCases] = useState<CaseSummary[] | null>(null)
  const [tasks, setTasks] = useState<CaseTask[]>([])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when to read again
  useEffect(() => {
    // answers overtaken by a later read are dropped
    let current = true
    listCases().then((list) => current && setCases(list.cases), onError)
    listCaseTasks().then((list) => current && setTasks(list.tasks), onError)
    return () => {
      current = false
    }
  }, [version, onError])

  return (
    <main id="settings" className="settings-page case-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop headingId={ids.heading} heading={heading} title={t('cases.listTitle')} />
      <section aria-labelledby={ids.today}>
        <h3 id={ids.today}>{t('cases.today')}</h3>
        {tasks.length === 0 && <p className="muted">{t('cases.nothingToday')}</p>}
        <ul className="case-tasks">
          {tasks.map((task) => (
            <li key={task.entryId} className={task.overdue ? 'case-overdue' : undefined}>
              <a href={caseHref(task.caseId)}>{task.caseTitle}</a> ·{' '}
              {formatDueTime(task.dueAt, i18n.language)} · {task.text}
              {task.overdue && ` · ${t('cases.overdue')}`}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={ids.all}>
        <h3 id={ids.all}>{t('cases.all')}</h3>
        {cases?.length === 0 && <p className="muted">{t('cases.none')}</p>}
        <ul className="case-list">
          {cases?.map((c) => (
            <li key={c.id}>
              <a href={caseHref(c.id)}>{c.title}</a>
              <CaseStatusLine summary={c} />
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}

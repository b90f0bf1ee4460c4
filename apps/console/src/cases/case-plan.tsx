// The plan: goals, each with its steps, ticked done with who did it and when.
import type { CaseEntryView, CaseView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { formatDueTime } from './format-due.ts'

type Props = { view: CaseView; onDone: (entryId: string, done: boolean) => void }

export function CasePlan({ view, onDone }: Props) {
  const { t, i18n } = useTranslation()
  const oldestFirst = [...view.entries].reverse()
  const goals = oldestFirst.filter((e) => e.kind === 'goal')
  const who = (entry: CaseEntryView) =>
    entry.done && entry.doneBy && entry.doneAt
      ? t('cases.doneBy', {
          name: entry.doneBy.displayName,
          time: formatDueTime(entry.doneAt, i18n.language),
        })
      : null
  const tick = (entry: CaseEntryView) => (
    <label className="case-tick">
      <input
        type="checkbox"
        checked={entry.done}
        disabled={view.status === 'closed'}
        onChange={(event) => onDone(entry.id, event.target.checked)}
      />
      <span>{entry.text}</span>
      {who(entry) && <span className="muted"> · {who(entry)}</span>}
    </label>
  )
  if (goals.length === 0) return <p className="muted">{t('cases.noPlan')}</p>
  return (
    <ol className="case-plan">
      {goals.map((goal) => (
        <li key={goal.id}>
          {tick(goal)}
          <ul>
            {oldestFirst
              .filter((e) => e.kind === 'step' && e.goalId === goal.id)
              .map((step) => (
                <li key={step.id}>{tick(step)}</li>
              ))}
          </ul>
        </li>
      ))}
    </ol>
  )
}

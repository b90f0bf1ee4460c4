// One form for what is written into a case: a goal, a step of a goal, a follow-up with its time,
// a note, a supervisor's review.
import type { AddCaseEntryBody, CaseEntryKind } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { instantOf } from './format-due.ts'

type Props = {
  kind: Exclude<CaseEntryKind, 'step'> | 'step'
  goals?: { id: string; text: string }[]
  onAdd: (body: AddCaseEntryBody) => Promise<boolean>
}

export function EntryForm({ kind, goals, onAdd }: Props) {
  const { t } = useTranslation()
  const ids = { text: useId(), goal: useId(), due: useId() }
  const [text, setText] = useState('')
  const [goalId, setGoalId] = useState('')
  const [due, setDue] = useState('')
  const [pending, setPending] = useState(false)
  if (kind === 'step' && !goals?.length) return null

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    const body: AddCaseEntryBody = {
      kind,
      text: text.trim(),
      ...(kind === 'step' && { goalId: goalId || goals?.[0]?.id }),
      ...(kind === 'follow_up' && { dueAt: instantOf(due) }),
    }
    if (await onAdd(body)) {
      setText('')
      setDue('')
    }
    setPending(false)
  }

  return (
    <form className="case-form" onSubmit={submit}>
      {kind === 'step' && (
        <div className="field">
          <label htmlFor={ids.goal}>{t('cases.entry.goalOfStep')}</label>
          <select id={ids.goal} value={goalId} onChange={(event) => setGoalId(event.target.value)}>
            {goals?.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.text}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.text}>{t(`cases.entry.new.${kind}`)}</label>
        <textarea
          id={ids.text}
          rows={kind === 'note' || kind === 'review' ? 3 : 1}
          required
          maxLength={4096}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {kind === 'follow_up' && (
        <div className="field">
          <label htmlFor={ids.due}>{t('cases.entry.due')}</label>
          <input
            id={ids.due}
            type="datetime-local"
            required
            value={due}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
      )}
      <button type="submit" className="button-primary" disabled={pending}>
        {t(`cases.entry.add.${kind}`)}
      </button>
    </form>
  )
}

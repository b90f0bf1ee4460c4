// A conversation's case, in the desk beside its messages: the case to whoever reads it (its team,
// supervisors), that there is one to anyone else; with no case, whoever handles the conversation
// opens one or adds it to one of theirs.
import type { CaseSummary, ConversationCase, ConversationView } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { caseHref } from './case-route.ts'
import { CaseStatusLine } from './case-status-line.tsx'
import { addCaseConversation, conversationCase, listCases, openCase } from './cases-api.ts'
import './cases.css'

type Props = {
  conversation: ConversationView
  /** Handles it or supervises its helpline: may open a case or add it to one. */
  canAct: boolean
  /** Grows when the conversation's case changed elsewhere: read it again. */
  version: number
  onError: (error: unknown) => void
}

export function CasePanel({ conversation, canAct, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { title: useId(), relation: useId(), pick: useId() }
  const [found, setFound] = useState<ConversationCase | null>(null)
  const [mode, setMode] = useState<'idle' | 'open' | 'emergency' | 'add'>('idle')
  const [cases, setCases] = useState<CaseSummary[]>([])
  const [title, setTitle] = useState('')
  const [relation, setRelation] = useState('')
  const [picked, setPicked] = useState('')
  const [pending, setPending] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says when to read again
  useEffect(() => {
    let current = true
    conversationCase(conversation.id).then((answer) => current && setFound(answer), onError)
    return () => {
      current = false
    }
  }, [conversation.id, version, onError])
  // another conversation: start over (a change to this one's case keeps what is being typed)
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the conversation changes
  useEffect(() => setMode('idle'), [conversation.id])

  if (!found) return null
  if (found.case) {
    return (
      <section className="case-panel" aria-label={t('cases.panel')}>
        <p>
          <a href={caseHref(found.case.id)}>{found.case.title}</a>
        </p>
        <CaseStatusLine summary={found.case} />
      </section>
    )
  }
  if (found.caseId) {
    return (
      <section className="case-panel" aria-label={t('cases.panel')}>
        <p className="muted">{t('cases.inAnotherTeam')}</p>
      </section>
    )
  }
  if (!canAct) return null

  function start(next: 'open' | 'emergency' | 'add') {
    setMode(next)
    setRelation('')
    if (next !== 'add') {
      const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date())
      setTitle(t(next === 'emergency' ? 'cases.emergency.defaultTitle' : 'cases.defaultTitle', { day }))
    } else {
      listCases().then((list) => {
        const open = list.cases.filter(
          (c) => c.status !== 'closed' && c.helplineId === conversation.helplineId,
        )
        setCases(open)
        setPicked(open[0]?.id ?? '')
      }, onError)
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    try {
      const view =
        mode !== 'add'
          ? await openCase({
              conversationId: conversation.id,
              title: title.trim(),
              relation: relation.trim(),
              ...(mode === 'emergency' && { kind: 'emergency' as const }),
            })
          : await addCaseConversation(picked, conversation.id, relation.trim())
      setFound({ caseId: view.id, case: view, emergencyOffered: found?.emergencyOffered ?? false })
      setMode('idle')
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="case-panel" aria-label={t('cases.panel')}>
      {mode === 'idle' ? (
        <div className="case-panel-actions">
          <button type="button" onClick={() => start('open')}>
            {t('cases.open')}
          </button>
          <button type="button" onClick={() => start('add')}>
            {t('cases.addTo')}
          </button>
          {found.emergencyOffered && (
            <button type="button" className="button-danger" onClick={() => start('emergency')}>
              {t('cases.emergency.open')}
            </button>
          )}
        </div>
      ) : (
        <form onSubmit={submit} className="case-form">
          {mode === 'emergency' && <p className="case-form-note">{t('cases.emergency.openHint')}</p>}
          {mode !== 'add' ? (
            <div className="field">
              <label htmlFor={ids.title}>{t('cases.title')}</label>
              <input
                id={ids.title}
                required
                maxLength={120}
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
            </div>
          ) : (
            <div className="field">
              <label htmlFor={ids.pick}>{t('cases.pick')}</label>
              <select
                id={ids.pick}
                required
                value={picked}
                onChange={(event) => setPicked(event.target.value)}
              >
                {cases.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.relation}>{t('cases.relation')}</label>
            <input
              id={ids.relation}
              maxLength={80}
              placeholder={t('cases.relationHint')}
              value={relation}
              onChange={(event) => setRelation(event.target.value)}
            />
          </div>
          <div className="case-panel-actions">
            <button
              type="submit"
              className="button-primary"
              disabled={pending || (mode === 'add' && !picked)}
            >
              {t(
                mode === 'add'
                  ? 'cases.addSubmit'
                  : mode === 'emergency'
                    ? 'cases.emergency.openSubmit'
                    : 'cases.openSubmit',
              )}
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              {t('cases.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

// The helpline's list of mediators and interpreters, kept by coordinators in "Squadra": a label
// that is not a name, the languages, the number (staff data, which only coordinators read), and
// the mediator's console account, if they have one: alerted and let into written conversations.
import type { CallMediator, TeamMember } from '@ascolto/protocol'
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { loadTeam } from '../team/team-api.ts'
import { listCallMediators, removeCallMediator, saveCallMediator } from './calls-api.ts'
import './call-mediators.css'

const EMPTY = { label: '', languages: '', phone: '', accountId: '' }

export function CallMediatorList({ helplineId }: { helplineId: string }) {
  const { t } = useTranslation()
  const ids = { label: useId(), languages: useId(), phone: useId(), account: useId() }
  const [mediators, setMediators] = useState<CallMediator[]>([])
  const [draft, setDraft] = useState(EMPTY)
  const [failure, setFailure] = useState<unknown>(null)
  const [accounts, setAccounts] = useState<TeamMember[]>([])
  const reload = useCallback(
    () => listCallMediators(helplineId).then((list) => setMediators(list.mediators), setFailure),
    [helplineId],
  )
  useEffect(() => {
    reload()
    loadTeam(helplineId).then(
      (team) => setAccounts(team.members.filter((m) => m.role === 'mediator')),
      setFailure,
    )
  }, [reload, helplineId])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    try {
      const languages = draft.languages
        .split(/[\s,]+/)
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean)
      await saveCallMediator(helplineId, null, {
        label: draft.label,
        languages,
        phone: draft.phone,
        accountId: draft.accountId || null,
      })
      setDraft(EMPTY)
      await reload()
    } catch (error) {
      setFailure(error)
    }
  }

  return (
    <section aria-labelledby="team-mediators">
      <h2 id="team-mediators">{t('calls.mediators.list.title')}</h2>
      <p className="muted">{t('calls.mediators.list.help')}</p>
      {mediators.length > 0 && (
        <ul className="mediator-list">
          {mediators.map((mediator) => (
            <li key={mediator.id}>
              <strong>{mediator.label}</strong> · {mediator.languages.join(', ')} · {mediator.phone}
              {mediator.accountId &&
                ` · ${accounts.find((a) => a.userId === mediator.accountId)?.displayName ?? ''}`}{' '}
              <button
                type="button"
                className="button-quiet"
                aria-label={t('calls.mediators.list.remove', { label: mediator.label })}
                onClick={() => removeCallMediator(helplineId, mediator.id).then(reload, setFailure)}
              >
                {t('calls.mediators.list.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="team-security" onSubmit={submit}>
        <label htmlFor={ids.label}>{t('calls.mediators.list.label')}</label>
        <input
          id={ids.label}
          required
          maxLength={80}
          value={draft.label}
          onChange={(e) => setDraft({ ...draft, label: e.target.value })}
        />
        <label htmlFor={ids.languages}>{t('calls.mediators.list.languages')}</label>
        <input
          id={ids.languages}
          required
          value={draft.languages}
          onChange={(e) => setDraft({ ...draft, languages: e.target.value })}
        />
        <label htmlFor={ids.phone}>{t('calls.mediators.list.phone')}</label>
        <input
          id={ids.phone}
          type="tel"
          required
          value={draft.phone}
          onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
        />
        <label htmlFor={ids.account}>{t('calls.mediators.list.account')}</label>
        <select
          id={ids.account}
          value={draft.accountId}
          onChange={(e) => setDraft({ ...draft, accountId: e.target.value })}
        >
          <option value="">{t('calls.mediators.list.noAccount')}</option>
          {accounts.map((account) => (
            <option key={account.userId} value={account.userId}>
              {account.displayName} ({account.email})
            </option>
          ))}
        </select>
        <button type="submit" className="button-secondary">
          {t('calls.mediators.list.save')}
        </button>
      </form>
      {failure !== null && (
        <ErrorAlert
          error={failure}
          text={t('calls.mediators.list.error')}
          onDismiss={() => setFailure(null)}
        />
      )}
    </section>
  )
}

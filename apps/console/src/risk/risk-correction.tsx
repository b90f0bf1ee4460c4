// A person's correction of a conversation's risk level, in the side panel: triage reads words,
// the volunteer reads the person. Recorded, audited and counted by the server; the queue follows
// (the socket brings the conversation back with its new level).
import type { ConversationView, RiskLevel } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { correctRiskLevel } from '../api/desk.ts'
import { RISK_RANK } from './risk-order.ts'

const LEVELS = Object.keys(RISK_RANK) as RiskLevel[]

type Props = { conversation: ConversationView; onError: (error: unknown) => void }

export function RiskCorrection({ conversation, onError }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const [level, setLevel] = useState<RiskLevel>(conversation.riskLevel)
  const [pending, setPending] = useState(false)
  // a new level from elsewhere (triage, a flag, a colleague) replaces the unsaved choice
  useEffect(() => setLevel(conversation.riskLevel), [conversation.riskLevel])

  async function save(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    try {
      await correctRiskLevel(conversation.id, level)
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="risk-correction" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('risk.correct.title')}</h3>
      <form onSubmit={save}>
        <label htmlFor={id}>{t('risk.correct.label')}</label>
        <div className="composer-row">
          <select id={id} value={level} onChange={(event) => setLevel(event.target.value as RiskLevel)}>
            {LEVELS.map((option) => (
              <option key={option} value={option}>
                {t(`risk.correct.levels.${option}`)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button-primary"
            disabled={pending || level === conversation.riskLevel}
          >
            {t('risk.correct.save')}
          </button>
        </div>
        <p className="hint">{t('risk.correct.hint')}</p>
      </form>
    </section>
  )
}

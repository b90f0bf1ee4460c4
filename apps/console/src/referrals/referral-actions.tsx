// What the reader's side may do next: the receiving helpline accepts (a case opens on its side),
// refuses with a reason, takes in charge and closes; for a partner without Ascolto the sender
// records the hand-over and sets the state by hand as the partner tells them.
import {
  HANDOVER_METHODS,
  type HandoverMethod,
  REFERRAL_NEXT_STATES,
  REFERRAL_REFUSALS,
  type ReferralRefusal,
  type ReferralStateBody,
  type ReferralView,
} from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { recordHandover, setReferralState } from './referrals-api.ts'

/** The states a button moves to (a refusal has its own form; nothing moves back to sent). */
type Forward = 'received' | 'accepted' | 'in_charge' | 'closed'

type Props = {
  view: ReferralView
  onChanged: (view: ReferralView) => void
  onError: (error: unknown) => void
}

export function ReferralActions({ view, onChanged, onError }: Props) {
  const { t } = useTranslation()
  const ids = { reason: useId(), note: useId(), method: useId(), recipient: useId() }
  const [refusing, setRefusing] = useState(false)
  const [refusal, setRefusal] = useState<ReferralRefusal>('outside-area')
  const [note, setNote] = useState('')
  const [method, setMethod] = useState<HandoverMethod>('email')
  const [recipient, setRecipient] = useState('')
  const receives = view.direction === 'in' && view.targetKind === 'helpline'
  const byHand = view.direction === 'out' && view.targetKind === 'partner'
  if (!receives && !byHand) return null
  const next = REFERRAL_NEXT_STATES[view.state]
  const forward = next.filter((state): state is Forward => state !== 'refused')

  async function move(body: ReferralStateBody) {
    try {
      onChanged(await setReferralState(view.id, body))
      setRefusing(false)
    } catch (error) {
      onError(error)
    }
  }

  async function handOver(event: FormEvent) {
    event.preventDefault()
    try {
      onChanged(await recordHandover(view.id, { method, recipient }))
      setRecipient('')
    } catch (error) {
      onError(error)
    }
  }

  const caseTitle = t('referrals.caseTitle', { name: view.from?.name ?? '' })
  return (
    <section className="referral-actions" aria-label={t('referrals.actions')}>
      <div className="form-actions">
        {forward.map((state) => (
          <button
            key={state}
            type="button"
            className={state === 'accepted' ? 'button-primary' : 'button-secondary'}
            onClick={() => move({ state, ...(state === 'accepted' && receives && { caseTitle }) })}
          >
            {t(`referrals.move.${receives ? 'receiver' : 'byHand'}.${state}`)}
          </button>
        ))}
        {next.includes('refused') && (
          <button type="button" className="button-quiet" onClick={() => setRefusing(true)}>
            {t('referrals.refuse')}
          </button>
        )}
      </div>
      {refusing && (
        <form
          className="referral-refuse"
          onSubmit={(event) => {
            event.preventDefault()
            move({ state: 'refused', refusalReason: refusal, ...(note.trim() && { refusalNote: note }) })
          }}
        >
          <div className="field">
            <label htmlFor={ids.reason}>{t('referrals.refusalReason')}</label>
            <select
              id={ids.reason}
              value={refusal}
              onChange={(e) => setRefusal(e.target.value as ReferralRefusal)}
            >
              {REFERRAL_REFUSALS.map((r) => (
                <option key={r} value={r}>
                  {t(`referrals.refusals.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.note}>{t('referrals.refusalNote')}</label>
            <textarea
              id={ids.note}
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button type="submit" className="button-primary">
            {t('referrals.confirmRefusal')}
          </button>
        </form>
      )}
      {byHand && view.state !== 'closed' && view.state !== 'refused' && (
        <form className="referral-handover" onSubmit={handOver}>
          <div className="field">
            <label htmlFor={ids.method}>{t('referrals.handoverMethod')}</label>
            <select
              id={ids.method}
              value={method}
              onChange={(e) => setMethod(e.target.value as HandoverMethod)}
            >
              {HANDOVER_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`referrals.handoverMethods.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.recipient}>{t('referrals.handoverRecipient')}</label>
            <input
              id={ids.recipient}
              required
              maxLength={300}
              value={recipient}
              onChange={(e) => setRecipient(e.target.value)}
            />
          </div>
          <button type="submit" className="button-secondary">
            {t('referrals.recordHandover')}
          </button>
        </form>
      )}
    </section>
  )
}

// A mediator on the line, in the record of a live call: the operator on the call chooses a
// mediator of the helpline's list by label and languages (never a number) and calls them in; the
// record lists who was called in, whether they are on the line, and for how long they stayed. The
// caller stays on the line when a mediator is let go.
import type { CallMediator, CallSummary } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { minutesAndSeconds } from '../desk/time-format.ts'
import { useLanguageName } from '../settings/sections.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { addMediatorToCall, dismissMediatorFromCall, listCallMediators } from './calls-api.ts'
import './call-mediators.css'

type Props = {
  call: CallSummary
  messageId: string
  helplineId: string
  /** the signed-in operator is the one on the call: they may call a mediator in */
  onTheCall: boolean
}

export function CallMediators({ call, messageId, helplineId, onTheCall }: Props) {
  const { t } = useTranslation()
  const canCall = call.live && onTheCall
  return (
    <div className="call-mediators">
      {call.mediators.length > 0 && (
        <ul aria-label={t('calls.mediators.onCall')}>
          {call.mediators.map((mediator) => (
            <li key={mediator.id}>
              <strong>{mediator.label}</strong> · {t(`calls.mediators.status.${mediator.status}`)}
              {mediator.seconds !== null && (
                <> · {t('calls.lasted', { duration: minutesAndSeconds(mediator.seconds) })}</>
              )}
              {canCall && (mediator.status === 'calling' || mediator.status === 'on-line') && (
                <DismissButton messageId={messageId} participantId={mediator.id} label={mediator.label} />
              )}
            </li>
          ))}
        </ul>
      )}
      {canCall && <CallInForm messageId={messageId} helplineId={helplineId} />}
    </div>
  )
}

function DismissButton({
  messageId,
  participantId,
  label,
}: {
  messageId: string
  participantId: string
  label: string
}) {
  const { t } = useTranslation()
  const [error, setError] = useState<unknown>(null)
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        aria-label={t('calls.mediators.dismissLabel', { label })}
        onClick={() => dismissMediatorFromCall(messageId, participantId).catch(setError)}
      >
        {t('calls.mediators.dismiss')}
      </button>
      {error !== null && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
    </>
  )
}

function CallInForm({ messageId, helplineId }: { messageId: string; helplineId: string }) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const id = useId()
  const [mediators, setMediators] = useState<CallMediator[] | null>(null)
  const [chosen, setChosen] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    listCallMediators(helplineId)
      .then((list) => setMediators(list.mediators))
      .catch(setError)
  }, [helplineId])
  if (mediators?.length === 0) return <p className="muted">{t('calls.mediators.none')}</p>
  return (
    <form
      className="call-in"
      onSubmit={async (event) => {
        event.preventDefault()
        if (!chosen) return
        try {
          await addMediatorToCall(messageId, chosen)
          setChosen('')
        } catch (failure) {
          setError(failure)
        }
      }}
    >
      <label htmlFor={id}>{t('calls.mediators.choose')}</label>
      <select id={id} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">{t('calls.mediators.pick')}</option>
        {(mediators ?? []).map((mediator) => (
          <option key={mediator.id} value={mediator.id}>
            {mediator.label} ({mediator.languages.map(languageName).join(', ')})
          </option>
        ))}
      </select>
      <button type="submit" className="button-secondary" disabled={!chosen}>
        {t('calls.mediators.add')}
      </button>
      {error !== null && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
    </form>
  )
}

// An emergency take-in's procedure on its case page: every step of the helpline's procedure in
// order, with what was recorded last, by whom and when, and the form to record it (again).
import type {
  CaseView,
  EmergencyRecord,
  EmergencyStep,
  EmergencyValue,
  EmergencyView,
} from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'
import { localized } from '../desk/use-desk-setup.ts'
import { formatDueTime, instantOf } from './format-due.ts'

type Props = {
  caseId: string
  emergency: EmergencyView
  closed: boolean
  onChanged: (view: CaseView) => void
  onError: (error: unknown) => void
}

export function EmergencyProcedure({ caseId, emergency, closed, onChanged, onError }: Props) {
  const { t } = useTranslation()
  return (
    <section aria-label={t('cases.emergency.title')} className="case-emergency">
      <h3>{t('cases.emergency.title')}</h3>
      <ol className="case-emergency-steps">
        {emergency.procedure.map((step) => (
          <EmergencyStepItem
            key={step.id}
            caseId={caseId}
            step={step}
            // records come newest first: the first of a step is its latest
            latest={emergency.records.find((r) => r.stepId === step.id)}
            closed={closed}
            onChanged={onChanged}
            onError={onError}
          />
        ))}
      </ol>
    </section>
  )
}

/** A recorded value in words: yes or no, the options' names, a time. */
export function useEmergencyValue() {
  const { t, i18n } = useTranslation()
  return (step: EmergencyStep, value: EmergencyValue) => {
    if (typeof value === 'boolean') return value ? t('cases.emergency.yes') : t('cases.emergency.no')
    if (Array.isArray(value))
      return value
        .map((id) => {
          const option = step.options?.find((o) => o.id === id)
          return option ? localized(option.label, i18n.language) : id
        })
        .join(', ')
    return step.field === 'when' ? formatDueTime(value, i18n.language) : value
  }
}

type ItemProps = Omit<Props, 'emergency'> & { step: EmergencyStep; latest: EmergencyRecord | undefined }

function EmergencyStepItem({ caseId, step, latest, closed, onChanged, onError }: ItemProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const shown = useEmergencyValue()
  const [text, setText] = useState('')
  const [yes, setYes] = useState<boolean | null>(null)
  const [chosen, setChosen] = useState<string[]>([])
  const [pending, setPending] = useState(false)
  const label = localized(step.label, i18n.language)

  const value = (): EmergencyValue | null => {
    if (step.field === 'yes-no') return yes
    if (step.field === 'choices') return chosen
    if (!text.trim()) return null
    return step.field === 'when' ? instantOf(text) : text.trim()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const recorded = value()
    if (recorded === null) return
    setPending(true)
    try {
      onChanged(
        await request<CaseView>('POST', `/api/cases/${encodeURIComponent(caseId)}/emergency-steps`, {
          stepId: step.id,
          value: recorded,
        }),
      )
      setText('')
    } catch (error) {
      onError(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <li>
      <p className="case-emergency-step">
        <strong id={`${id}-label`}>{label}</strong>
        {latest ? (
          <>
            {' · '}
            <span className="case-emergency-value">{shown(step, latest.value)}</span>
            <span className="muted">
              {' · '}
              {t('cases.doneBy', {
                name: latest.doneBy?.displayName ?? '',
                time: formatDueTime(latest.doneAt, i18n.language),
              })}
            </span>
          </>
        ) : (
          <span className="muted"> · {t('cases.emergency.toDo')}</span>
        )}
      </p>
      {!closed && (
        <form className="case-form" onSubmit={submit} aria-labelledby={`${id}-label`}>
          {step.field === 'yes-no' || step.field === 'choices' ? (
            <fieldset className="case-emergency-choices">
              <legend className="visually-hidden">{label}</legend>
              {step.field === 'yes-no'
                ? ([true, false] as const).map((answer) => (
                    <label key={String(answer)} className="choice">
                      <input
                        type="radio"
                        name={`${id}-yes-no`}
                        checked={yes === answer}
                        onChange={() => setYes(answer)}
                      />
                      {answer ? t('cases.emergency.yes') : t('cases.emergency.no')}
                    </label>
                  ))
                : step.options?.map((option) => (
                    <label key={option.id} className="choice">
                      <input
                        type="checkbox"
                        checked={chosen.includes(option.id)}
                        onChange={(event) =>
                          setChosen((now) =>
                            event.target.checked ? [...now, option.id] : now.filter((o) => o !== option.id),
                          )
                        }
                      />
                      {localized(option.label, i18n.language)}
                    </label>
                  ))}
            </fieldset>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-value`} className="visually-hidden">
                {label}
              </label>
              <input
                id={`${id}-value`}
                type={step.field === 'when' ? 'datetime-local' : 'text'}
                required
                maxLength={2000}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            </div>
          )}
          <button
            type="submit"
            disabled={pending || (step.field === 'yes-no' && yes === null)}
            aria-label={t('cases.emergency.record', { step: label })}
          >
            {t('cases.emergency.recordShort')}
          </button>
        </form>
      )}
    </li>
  )
}

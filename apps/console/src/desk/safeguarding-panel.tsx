// The conversation's safeguarding flags: who raised them, when and why, which supervisor took
// charge, and the helpline's escalation playbook, each step ticked with time, person and whom
// they contacted.
import type { ConversationView, DeskSetup, FlagView } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { acknowledgeFlag, listFlags, tickStep } from '../api/desk.ts'
import { formatMessageTime } from './time-format.ts'
import { localized } from './use-desk-setup.ts'

type Props = {
  conversation: ConversationView
  setup: DeskSetup | undefined
  supervises: boolean
  onError: (error: unknown) => void
}

export function SafeguardingPanel({ conversation, setup, supervises, onError }: Props) {
  const { t, i18n } = useTranslation()
  const [flags, setFlags] = useState<FlagView[]>([])
  const changes = JSON.stringify(conversation.flags)

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded when the flags' summary changes
  useEffect(() => {
    if (conversation.flags.length === 0) return setFlags([])
    let current = true
    listFlags(conversation.id).then((list) => current && setFlags(list.flags), onError)
    return () => {
      current = false
    }
  }, [conversation.id, changes])

  if (flags.length === 0) return null
  const time = (at: string) => formatMessageTime(at, i18n.language)
  const replace = (flag: FlagView) => setFlags((all) => all.map((f) => (f.id === flag.id ? flag : f)))
  const playbook = setup?.desk.escalationPlaybook ?? []

  return (
    <section className="safeguarding-panel" aria-label={t('flag.panel')}>
      {flags.map((flag) => (
        <article key={flag.id} className="flag-card">
          <h3>{t(`flag.kinds.${flag.kind}`)}</h3>
          <p>
            {flag.raisedBy
              ? t('flag.raised', { name: flag.raisedBy.displayName, time: time(flag.raisedAt) })
              : t('triage.raised', { time: time(flag.raisedAt) })}
            {' · '}
            {flag.reason}
          </p>
          {flag.acknowledgedAt ? (
            <p className="flag-acknowledged">
              {t('flag.acknowledgedBy', {
                name: flag.acknowledgedBy?.displayName ?? '',
                time: time(flag.acknowledgedAt),
              })}
            </p>
          ) : (
            <p className="flag-waiting">
              {t('flag.waiting')}{' '}
              {supervises && (
                <button
                  type="button"
                  className="button-primary"
                  onClick={() => acknowledgeFlag(flag.id).then(replace, onError)}
                >
                  {t('flag.acknowledge')}
                </button>
              )}
            </p>
          )}
          {playbook.length > 0 && (
            <fieldset className="playbook">
              <legend>{t('flag.playbook')}</legend>
              <ol>
                {playbook.map((step) => (
                  <PlaybookStep
                    key={step.id}
                    label={localized(step.label, i18n.language, setup?.languages)}
                    done={flag.steps.find((s) => s.stepId === step.id)}
                    time={time}
                    onTick={(contacted) => tickStep(flag.id, step.id, contacted).then(replace, onError)}
                  />
                ))}
              </ol>
            </fieldset>
          )}
        </article>
      ))}
    </section>
  )
}

type StepProps = {
  label: string
  done: FlagView['steps'][number] | undefined
  time: (at: string) => string
  onTick: (contacted: string) => Promise<unknown>
}

function PlaybookStep({ label, done, time, onTick }: StepProps) {
  const { t } = useTranslation()
  const id = useId()
  const [contacted, setContacted] = useState('')
  if (done) {
    return (
      <li className="playbook-step done">
        <span>
          <span aria-hidden="true">✓ </span>
          {label}
          <span className="muted">
            {' · '}
            {t('flag.stepDone', { name: done.doneBy?.displayName ?? '', time: time(done.doneAt) })}
            {done.contacted && ` · ${t('flag.contacted')}: ${done.contacted}`}
          </span>
        </span>
      </li>
    )
  }
  return (
    <li className="playbook-step">
      <span>{label}</span>
      {/* a form, so Enter in the field ticks the step as the button does */}
      <form
        className="playbook-step-form"
        onSubmit={(event) => {
          event.preventDefault()
          onTick(contacted.trim())
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {t('flag.contactedFor', { step: label })}
        </label>
        <input
          id={id}
          placeholder={t('flag.contacted')}
          maxLength={500}
          value={contacted}
          onChange={(event) => setContacted(event.target.value)}
        />
        <button type="submit" className="button-small" aria-label={t('flag.tick', { step: label })}>
          {t('flag.done')}
        </button>
      </form>
    </li>
  )
}

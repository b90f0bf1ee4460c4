// In the open conversation, for the operator on it or a supervisor: "Chiedi un mediatore: romeno".
// The languages offered are those of the helpline's one list of mediators (the calls' list). Once
// asked, the bar says whether a mediator has joined, and removes them or withdraws the request.
import type { ConversationView, MediationView } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { io } from 'socket.io-client'
import type { ConsoleSocket } from '../api/realtime.ts'
import { listCallMediators } from '../calls/calls-api.ts'
import { useLanguageName } from '../settings/sections.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { askForMediator, loadMediation, removeMediator } from './mediation-api.ts'
import './mediation.css'

type Props = { conversation: ConversationView; canAsk: boolean }

export function MediationBar({ conversation, canAsk }: Props) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const id = useId()
  const [mediation, setMediation] = useState<MediationView | null>(null)
  const [languages, setLanguages] = useState<string[]>([])
  const [chosen, setChosen] = useState('')
  const [error, setError] = useState<unknown>(null)
  const conversationId = conversation.id
  const closed = conversation.status === 'closed'

  useEffect(() => {
    if (closed) return setMediation(null)
    const reload = () =>
      loadMediation(conversationId)
        .then((found) => setMediation(found.mediation))
        .catch(setError)
    reload()
    // a mediator joins from their own console: this one hears it and reads the bar again
    const socket: ConsoleSocket = io('/console', { withCredentials: true })
    socket.on('mediation.changed', (change) => {
      if (change.conversationId === conversationId) reload()
    })
    return () => {
      socket.disconnect()
    }
  }, [conversationId, closed])

  useEffect(() => {
    if (!canAsk) return
    listCallMediators(conversation.helplineId)
      .then((list) => setLanguages([...new Set(list.mediators.flatMap((m) => m.languages))].sort()))
      .catch(setError)
  }, [conversation.helplineId, canAsk])

  if (closed || (!mediation && (!canAsk || languages.length === 0))) return null
  const run = (work: () => Promise<unknown>) => work().catch(setError)
  return (
    <section className="mediation-bar" aria-label={t('mediation.bar')}>
      {mediation ? (
        <>
          <p role="status">
            {mediation.mediator
              ? t('mediation.joined', {
                  title: t(`mediation.titles.${mediation.mediator.title}`),
                  name: mediation.mediator.displayName,
                  language: languageName(mediation.language),
                })
              : t('mediation.waiting', { language: languageName(mediation.language) })}
          </p>
          {canAsk && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => run(() => removeMediator(conversationId).then(() => setMediation(null)))}
            >
              {mediation.mediator ? t('mediation.remove') : t('mediation.withdraw')}
            </button>
          )}
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (chosen) run(() => askForMediator(conversationId, chosen).then(setMediation))
          }}
        >
          <label htmlFor={id}>{t('mediation.ask')}</label>
          <select id={id} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">{t('mediation.pickLanguage')}</option>
            {languages.map((language) => (
              <option key={language} value={language}>
                {languageName(language)}
              </option>
            ))}
          </select>
          <button type="submit" className="button-secondary" disabled={!chosen}>
            {t('mediation.askButton')}
          </button>
        </form>
      )}
      {error !== null && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
    </section>
  )
}

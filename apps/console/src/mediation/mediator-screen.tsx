// A mediator's console: no queue, no people, no cases. A waiting screen with the requests of
// their languages (alerted as they come), their title, and the conversation they joined: its
// messages, and a box that writes to the person (signed with the title) or privately to the operator.
import type { MediatedConversation, MediatorDesk, MediatorTitle, SessionView } from '@ascolto/protocol'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { connectConsole } from '../api/realtime.ts'
import { signOut } from '../api/session.ts'
import { useLanguageName } from '../settings/sections.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { LanguageSwitch } from '../shell/language-switch.tsx'
import { MediatedThread } from './mediated-thread.tsx'
import { joinRequest, loadMediatorDesk, readConversation, saveTitle } from './mediation-api.ts'
import './mediation.css'

type Props = { session: SessionView; onSignedOut: () => void }

export function MediatorScreen({ session, onSignedOut }: Props) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const [desk, setDesk] = useState<MediatorDesk | null>(null)
  const [open, setOpen] = useState<MediatedConversation | null>(null)
  const [error, setError] = useState<unknown>(null)

  const reload = useCallback(async () => {
    const next = await loadMediatorDesk()
    setDesk(next)
    const first = next.conversations[0]
    // every read of the conversation is audited on the server
    setOpen(first ? await readConversation(first.conversationId) : null)
  }, [])

  useEffect(() => {
    reload().catch(setError)
    const socket = connectConsole()
    socket.on('mediation.changed', () => {
      reload().catch(setError)
    })
    socket.on('mediation.message', (message) =>
      setOpen((current) =>
        current?.conversationId === message.conversationId &&
        !current.messages.some((m) => m.id === message.id)
          ? { ...current, messages: [...current.messages, message] }
          : current,
      ),
    )
    return () => {
      socket.disconnect()
    }
  }, [reload])

  const chooseTitle = (title: MediatorTitle) => {
    setDesk((current) => current && { ...current, title })
    saveTitle(title).catch(setError)
  }

  return (
    <>
      <header className="app-header">
        <h1 className="app-name">{t('app.name')}</h1>
        <div className="account">
          <p className="user-name">{session.user.displayName}</p>
          <LanguageSwitch />
          <button
            type="button"
            className="button-quiet"
            onClick={() => signOut().then(onSignedOut, setError)}
          >
            {t('header.signOut')}
          </button>
        </div>
      </header>
      <main className="mediator-page">
        {error !== null && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
        {desk && (
          <fieldset className="mediator-title">
            <legend>{t('mediation.titleChoice')}</legend>
            {(['mediatrice', 'mediatore'] as const).map((title) => (
              <label key={title}>
                <input
                  type="radio"
                  name="mediator-title"
                  checked={desk.title === title}
                  onChange={() => chooseTitle(title)}
                />{' '}
                {t(`mediation.titles.${title}`)}
              </label>
            ))}
          </fieldset>
        )}
        {open ? (
          <MediatedThread conversation={open} title={desk?.title ?? 'mediatore'} onError={setError} />
        ) : (
          <section aria-labelledby="mediator-waiting">
            <h2 id="mediator-waiting">{t('mediation.waitingTitle')}</h2>
            <p className="muted">{t('mediation.waitingHelp')}</p>
            {desk && desk.requests.length > 0 && (
              <ul className="mediator-requests">
                {desk.requests.map((request) => (
                  <li key={request.id}>
                    <span>
                      {t('mediation.request', {
                        language: languageName(request.language),
                        helpline: request.helplineName,
                      })}
                    </span>
                    <button
                      type="button"
                      className="button-primary"
                      onClick={() => joinRequest(request.id).then(reload).catch(setError)}
                    >
                      {t('mediation.join')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </main>
    </>
  )
}

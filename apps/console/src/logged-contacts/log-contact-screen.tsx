// Recording a contact that happened outside Ascolto's doors (#/logged-contacts): the door, when,
// how long, who got in touch, the person (by pseudonym, or new), notes. It then opens as a
// conversation in "Le mie", to close with the helpline's form like any other.
import {
  LOGGED_CALLERS,
  LOGGED_DOORS,
  type LogContactBody,
  type LoggedCaller,
  type LoggedContactView,
  type LoggedDoor,
  type Membership,
} from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { conversationHref } from '../desk/use-hash-route.ts'
import '../cases/cases.css'

export const LOGGED_CONTACT_HREF = '#/logged-contacts'

/** Whether the address is the form's. */
export function useOnLogContact() {
  const [on, setOn] = useState(() => window.location.hash === LOGGED_CONTACT_HREF)
  useEffect(() => {
    const update = () => setOn(window.location.hash === LOGGED_CONTACT_HREF)
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return on
}

/** The `datetime-local` value of now, in the browser's zone, to the minute. */
function localNow() {
  const now = new Date()
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset(), 0, 0)
  return now.toISOString().slice(0, 16)
}

type Props = { memberships: Membership[]; onError: (error: unknown) => void }

export function LogContactScreen({ memberships, onError }: Props) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const ids = {
    heading: useId(),
    helpline: useId(),
    door: useId(),
    caller: useId(),
    when: useId(),
    duration: useId(),
    pseudonym: useId(),
    notes: useId(),
  }
  const [helplineId, setHelplineId] = useState(memberships[0]?.helplineId ?? '')
  const [door, setDoor] = useState<LoggedDoor>('office_phone')
  const [caller, setCaller] = useState<LoggedCaller>('person')
  const [when, setWhen] = useState(localNow)
  const [duration, setDuration] = useState('10')
  const [pseudonym, setPseudonym] = useState('')
  const [notes, setNotes] = useState('')
  const [pending, setPending] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    const body: LogContactBody = {
      door,
      caller,
      happenedAt: new Date(when).toISOString(),
      durationMinutes: Number(duration),
      ...(pseudonym.trim() && { pseudonym: Number(pseudonym.trim()) }),
      ...(notes.trim() && { notes: notes.trim() }),
    }
    try {
      const logged = await request<LoggedContactView>(
        'POST',
        `/api/helplines/${encodeURIComponent(helplineId)}/logged-contacts`,
        body,
      )
      window.location.hash = conversationHref(logged.conversationId)
    } catch (error) {
      onError(error)
      setPending(false)
    }
  }

  return (
    <main id="settings" className="settings-page case-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop headingId={ids.heading} heading={heading} title={t('loggedContacts.title')} />
      <form className="case-form logged-contact-form" onSubmit={submit}>
        {memberships.length > 1 && (
          <div className="field">
            <label htmlFor={ids.helpline}>{t('settings.helpline')}</label>
            <select
              id={ids.helpline}
              value={helplineId}
              onChange={(event) => setHelplineId(event.target.value)}
            >
              {memberships.map((m) => (
                <option key={m.helplineId} value={m.helplineId}>
                  {m.helplineName}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.door}>{t('loggedContacts.door')}</label>
          <select id={ids.door} value={door} onChange={(event) => setDoor(event.target.value as LoggedDoor)}>
            {LOGGED_DOORS.map((d) => (
              <option key={d} value={d}>
                {t(`loggedContacts.doors.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.caller}>{t('loggedContacts.caller')}</label>
          <select
            id={ids.caller}
            value={caller}
            onChange={(event) => setCaller(event.target.value as LoggedCaller)}
          >
            {LOGGED_CALLERS.map((c) => (
              <option key={c} value={c}>
                {t(`loggedContacts.callers.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.when}>{t('loggedContacts.when')}</label>
          <input
            id={ids.when}
            type="datetime-local"
            required
            value={when}
            onChange={(e) => setWhen(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.duration}>{t('loggedContacts.duration')}</label>
          <input
            id={ids.duration}
            type="number"
            min={0}
            max={1440}
            required
            value={duration}
            onChange={(event) => setDuration(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.pseudonym}>{t('loggedContacts.pseudonym')}</label>
          <input
            id={ids.pseudonym}
            inputMode="numeric"
            pattern="[0-9]{4,6}"
            placeholder={t('loggedContacts.pseudonymHint')}
            value={pseudonym}
            onChange={(event) => setPseudonym(event.target.value)}
          />
        </div>
        <div className="field logged-contact-notes">
          <label htmlFor={ids.notes}>{t('loggedContacts.notes')}</label>
          <textarea
            id={ids.notes}
            rows={4}
            maxLength={4096}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
          />
        </div>
        <button type="submit" className="button-primary" disabled={pending || !helplineId}>
          {t('loggedContacts.submit')}
        </button>
      </form>
    </main>
  )
}

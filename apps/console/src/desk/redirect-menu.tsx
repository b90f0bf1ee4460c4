// "Redirect": the helpline's canned replies that send a person to another desk, listed under a
// disclosure button; choosing one sends its text at once. Usable only while I hold the
// conversation; not shown when the helpline has none.
import { type FocusEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { loadRedirects, type Redirect } from '../api/settings.ts'

type Props = {
  helplineId: string
  enabled: boolean
  onSend: (redirect: Redirect) => Promise<void>
}

export function RedirectMenu({ helplineId, enabled, onSend }: Props) {
  const { t } = useTranslation()
  const listId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const [loaded, setLoaded] = useState<{ redirects: Redirect[]; language: string } | null>(null)
  const [expanded, setExpanded] = useState(false)

  useEffect(() => {
    let current = true
    setLoaded(null)
    // without the list there is simply no button: the reply box is still there
    loadRedirects(helplineId).then(
      (answer) => current && setLoaded(answer),
      () => {},
    )
    return () => {
      current = false
    }
  }, [helplineId])

  useEffect(() => {
    if (!enabled) setExpanded(false)
  }, [enabled])

  if (!loaded || loaded.redirects.length === 0) return null

  function close() {
    setExpanded(false)
    toggle.current?.focus()
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !expanded) return
    event.preventDefault()
    close()
  }

  // the list closes when focus leaves it and its button (a click elsewhere, Tab onwards)
  function onBlur(event: FocusEvent) {
    if (!menu.current?.contains(event.relatedTarget)) setExpanded(false)
  }
  const keepsOpen = { onKeyDown, onBlur }

  return (
    <div ref={menu} className="redirect-menu">
      <button
        ref={toggle}
        type="button"
        className="button-secondary"
        aria-expanded={expanded}
        aria-controls={listId}
        disabled={!enabled}
        {...keepsOpen}
        onClick={() => setExpanded((open) => !open)}
      >
        {t('redirect.open')}
        <span aria-hidden="true"> ▾</span>
      </button>
      <ul id={listId} className="redirect-list" hidden={!expanded} aria-label={t('redirect.list')}>
        {loaded.redirects.map((redirect) => (
          <RedirectChoice
            key={redirect.id}
            redirect={redirect}
            text={redirect.text[loaded.language] ?? Object.values(redirect.text)[0] ?? ''}
            handlers={keepsOpen}
            onChoose={async () => {
              close()
              await onSend(redirect)
            }}
          />
        ))}
      </ul>
    </div>
  )
}

type ChoiceProps = {
  redirect: Redirect
  text: string
  handlers: { onKeyDown: (event: KeyboardEvent) => void; onBlur: (event: FocusEvent) => void }
  onChoose: () => void
}

function RedirectChoice({ redirect, text, handlers, onChoose }: ChoiceProps) {
  const ids = { label: useId(), text: useId() }
  return (
    <li>
      <button
        type="button"
        className="redirect-choice"
        aria-labelledby={ids.label}
        aria-describedby={ids.text}
        onClick={onChoose}
        {...handlers}
      >
        <span id={ids.label} className="redirect-label">
          {redirect.label}
        </span>
        <span id={ids.text} className="redirect-text">
          {text}
        </span>
      </button>
    </li>
  )
}

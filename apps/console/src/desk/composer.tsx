// The reply box. Enter sends, Shift+Enter starts a new line; the draft belongs to the desk, so
// it survives switching to another conversation and back.
import type { MAX_TEXT_LENGTH } from '@ascolto/protocol'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

// the protocol's limit, restated because only its type crosses to the browser: tsc fails if they part
const MAX_LENGTH: typeof MAX_TEXT_LENGTH = 4096

type Props = {
  enabled: boolean
  disabledReason: string
  draft: string
  onDraftChange: (text: string) => void
  onSend: (text: string) => Promise<unknown>
}

export function Composer({ enabled, disabledReason, draft, onDraftChange, onSend }: Props) {
  const { t } = useTranslation()
  const ids = { box: useId(), hint: useId() }
  const box = useRef<HTMLTextAreaElement>(null)
  const [sending, setSending] = useState(false)
  const wasEnabled = useRef(enabled)

  // just taken: the next thing to do is to write, so the box gets focus (not when it was usable already)
  useEffect(() => {
    if (enabled && !wasEnabled.current) box.current?.focus()
    wasEnabled.current = enabled
  }, [enabled])

  async function send() {
    const text = draft.trim()
    if (!enabled || sending || !text) return
    setSending(true)
    try {
      await onSend(text)
    } finally {
      setSending(false)
      box.current?.focus()
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // while an input method is composing a word, Enter confirms the word, not the message
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    send()
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault()
        send()
      }}
    >
      <label htmlFor={ids.box}>{t('composer.label')}</label>
      <div className="composer-row">
        <textarea
          ref={box}
          id={ids.box}
          rows={3}
          maxLength={MAX_LENGTH}
          value={draft}
          disabled={!enabled}
          aria-describedby={ids.hint}
          onChange={(event) => onDraftChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button-primary" disabled={!enabled || sending}>
          {t('composer.send')}
        </button>
      </div>
      <p id={ids.hint} className="hint">
        {enabled ? t('composer.hint') : disabledReason}
      </p>
    </form>
  )
}

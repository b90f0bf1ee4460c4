// The reply box. Enter sends, Shift+Enter starts a new line; the draft belongs to the desk, so
// it survives switching to another conversation and back. A slash ("/benvenuto") offers the
// helpline's canned replies: arrows choose, Enter or Tab puts the text in, Escape leaves the list.
import type { CannedReply, MAX_TEXT_LENGTH } from '@ascolto/protocol'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AttachFile } from './attach-file.tsx'
import { cannedMatches, insertCanned } from './canned-suggestions.ts'

// the protocol's limit, restated because only its type crosses to the browser: tsc fails if they part
const MAX_LENGTH: typeof MAX_TEXT_LENGTH = 4096

type Props = {
  enabled: boolean
  disabledReason: string
  draft: string
  onDraftChange: (text: string) => void
  onSend: (text: string) => Promise<unknown>
  cannedReplies?: readonly CannedReply[]
  /** Where the channel carries files: attach one, with the draft as its caption. */
  onAttach?: (file: { mimeType: string; data: string }) => Promise<unknown>
}

export function Composer({
  enabled,
  disabledReason,
  draft,
  onDraftChange,
  onSend,
  cannedReplies = [],
  onAttach,
}: Props) {
  const { t } = useTranslation()
  const ids = { box: useId(), hint: useId(), list: useId() }
  const box = useRef<HTMLTextAreaElement>(null)
  const [sending, setSending] = useState(false)
  const wasEnabled = useRef(enabled)
  const [active, setActive] = useState(0)
  const [dismissedFor, setDismissedFor] = useState<string | null>(null)
  const matches = enabled && dismissedFor !== draft ? cannedMatches(draft, cannedReplies) : []
  const chosen = matches[Math.min(active, matches.length - 1)]

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

  function choose(reply: CannedReply) {
    onDraftChange(insertCanned(draft, reply))
    setActive(0)
    box.current?.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (matches.length > 0 && !event.nativeEvent.isComposing) {
      const step = { ArrowDown: 1, ArrowUp: -1 }[event.key]
      if (step) {
        event.preventDefault()
        setActive((n) => (Math.min(n, matches.length - 1) + step + matches.length) % matches.length)
        return
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault()
        if (chosen) choose(chosen)
        return
      }
      if (event.key === 'Escape') {
        event.preventDefault()
        setDismissedFor(draft)
        return
      }
    }
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
          aria-controls={matches.length > 0 ? ids.list : undefined}
          aria-activedescendant={chosen ? `${ids.list}-${chosen.id}` : undefined}
          onChange={(event) => {
            setActive(0)
            onDraftChange(event.target.value)
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button-primary" disabled={!enabled || sending}>
          {t('composer.send')}
        </button>
        {onAttach && <AttachFile enabled={enabled} onAttach={onAttach} />}
      </div>
      {matches.length > 0 && (
        <div id={ids.list} className="canned-list" role="listbox" aria-label={t('canned.list')}>
          {matches.map((reply) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard chooses from the reply box
            <div
              key={reply.id}
              tabIndex={-1}
              id={`${ids.list}-${reply.id}`}
              role="option"
              aria-selected={reply === chosen}
              className="canned-option"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(reply)}
            >
              <span className="canned-shortcut">/{reply.shortcut}</span> <span>{reply.title}</span>
              <span className="canned-text">{reply.text}</span>
            </div>
          ))}
        </div>
      )}
      <p id={ids.hint} className="hint">
        {!enabled
          ? disabledReason
          : matches.length > 0
            ? t('canned.hint', { count: matches.length })
            : t('composer.hint')}
      </p>
    </form>
  )
}

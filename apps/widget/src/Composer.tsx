import type { Ref } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { MAX_TEXT_LENGTH } from './chat.ts'
import type { Strings } from './i18n.ts'

type Props = {
  t: Strings
  inputRef: Ref<HTMLTextAreaElement>
  onSend: (text: string) => void
  /** Writing started (true) or stopped: after a pause, on sending, on clearing the draft. */
  onTyping: (active: boolean) => void
}

/** Writing counts as stopped after this long without a key. */
const TYPING_PAUSE_MS = 3000

export function Composer({ t, inputRef, onSend, onTyping }: Props) {
  const [draft, setDraft] = useState('')
  const typing = useRef(false)
  const pause = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const stopTyping = () => {
    clearTimeout(pause.current)
    if (typing.current) onTyping(false)
    typing.current = false
  }
  useEffect(() => stopTyping, [])
  const edited = (value: string) => {
    setDraft(value)
    if (!value.trim()) return stopTyping()
    if (!typing.current) onTyping(true)
    typing.current = true
    clearTimeout(pause.current)
    pause.current = setTimeout(stopTyping, TYPING_PAUSE_MS)
  }
  const submit = () => {
    if (!draft.trim()) return
    stopTyping()
    onSend(draft)
    setDraft('')
  }
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <label for="input" class="sr">
        {t.inputLabel}
      </label>
      <span id="hint" class="sr">
        {t.inputHint}
      </span>
      <textarea
        id="input"
        ref={inputRef}
        class="input"
        rows={2}
        maxLength={MAX_TEXT_LENGTH}
        placeholder={t.inputLabel}
        aria-describedby="hint"
        enterkeyhint="send"
        dir="auto"
        value={draft}
        onInput={(event) => edited(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter while composing (Japanese, Chinese input methods) confirms the word, it does not send.
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
            event.preventDefault()
            submit()
          }
        }}
      />
      <button type="submit" class="send">
        {t.send}
      </button>
    </form>
  )
}

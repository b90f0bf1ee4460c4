import type { Ref } from 'preact'
import { useState } from 'preact/hooks'
import { MAX_TEXT_LENGTH } from './chat.ts'
import type { Strings } from './i18n.ts'

type Props = { t: Strings; inputRef: Ref<HTMLTextAreaElement>; onSend: (text: string) => void }

export function Composer({ t, inputRef, onSend }: Props) {
  const [draft, setDraft] = useState('')
  const submit = () => {
    if (!draft.trim()) return
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
        value={draft}
        onInput={(event) => setDraft(event.currentTarget.value)}
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

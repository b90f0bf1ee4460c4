import { useState } from 'preact/hooks'
import type { Strings } from './i18n.ts'

// Before a conversation begins on this device: a code written down earlier continues one from
// another device (or from a tab that was closed).

type Props = { t: Strings; onResume: (code: string) => Promise<'resumed' | 'wrong' | 'busy'> }

export function ResumeForm({ t, onResume }: Props) {
  const [open, setOpen] = useState(false)
  const [value, setValue] = useState('')
  const [problem, setProblem] = useState('')
  const [pending, setPending] = useState(false)
  if (!open) {
    return (
      <button type="button" class="tool resume-open" onClick={() => setOpen(true)}>
        {t.haveCode}
      </button>
    )
  }
  return (
    <form
      class="resume"
      onSubmit={async (event) => {
        event.preventDefault()
        setPending(true)
        setProblem('')
        const result = await onResume(value.trim())
        setPending(false)
        if (result !== 'resumed') setProblem(result === 'wrong' ? t.codeWrong : t.codeBusy)
      }}
    >
      <label for="resume-code">{t.codeLabel}</label>
      <input
        id="resume-code"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={11}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby="resume-problem"
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      <button type="submit" class="send" disabled={pending || value.trim().length < 10}>
        {t.codeGo}
      </button>
      <p id="resume-problem" role="status" class="hint">
        {problem}
      </p>
    </form>
  )
}

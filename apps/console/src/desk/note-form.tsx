// A private note on the conversation: seen by the helpline's staff only, never sent to the person.
// Folded away until asked for, so the messages keep the room on a phone.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

type Props = { onAdd: (text: string) => Promise<boolean> }

export function NoteForm({ onAdd }: Props) {
  const { t } = useTranslation()
  const ids = { box: useId(), hint: useId() }
  const [text, setText] = useState('')
  const [pending, setPending] = useState(false)
  const [open, setOpen] = useState(false)
  const box = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (open) box.current?.focus()
  }, [open])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const note = text.trim()
    if (!note || pending) return
    setPending(true)
    try {
      if (await onAdd(note)) {
        setText('')
        setOpen(false)
      }
    } finally {
      setPending(false)
    }
  }

  if (!open) {
    return (
      <div className="note-opener">
        <button type="button" className="button-small" aria-expanded="false" onClick={() => setOpen(true)}>
          {t('note.open')}
        </button>
      </div>
    )
  }
  return (
    <form className="note-form" onSubmit={submit}>
      <label htmlFor={ids.box}>{t('note.label')}</label>
      <div className="composer-row">
        <textarea
          ref={box}
          id={ids.box}
          rows={1}
          maxLength={4096}
          value={text}
          aria-describedby={ids.hint}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button-secondary" disabled={pending}>
          {t('note.add')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
          {t('note.cancel')}
        </button>
      </div>
      <p id={ids.hint} className="hint">
        {t('note.hint')}
      </p>
    </form>
  )
}

// A modal dialog opened by a button, holding one form: the desk's transfer, safeguarding flag
// and closing form. A refusal is said inside it, where the operator is (the page behind is inert).
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { ErrorAlert } from '../shell/error-alert.tsx'

type Props = {
  opener: string
  openerClass?: string
  title: string
  intro?: string
  submit: string
  cancel: string
  disabled?: boolean
  /** Called each time it opens: the form starts afresh. */
  onOpen?: () => void
  /** Rejects when the server refused: the dialog stays open and says why. */
  onSubmit: () => Promise<void>
  /** Words that say a refusal better than its code's (the dialog knows what it asked for). */
  failureText?: (error: unknown) => string | undefined
  children: ReactNode
}

export function DeskDialog(props: Props) {
  const ids = { title: useId(), intro: useId() }
  const dialog = useRef<HTMLDialogElement>(null)
  const [isOpen, setOpen] = useState(false)
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)

  useEffect(() => {
    if (!isOpen) return
    dialog.current?.showModal()
    dialog.current?.querySelector<HTMLElement>('input, select, textarea')?.focus()
  }, [isOpen])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    setFailure(null)
    try {
      await props.onSubmit()
      dialog.current?.close()
    } catch (error) {
      setFailure({ error })
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className={props.openerClass ?? 'button-secondary'}
        disabled={props.disabled}
        onClick={() => {
          setFailure(null)
          props.onOpen?.()
          setOpen(true)
        }}
      >
        {props.opener}
      </button>
      {isOpen && (
        <dialog
          ref={dialog}
          className="block-dialog"
          aria-labelledby={ids.title}
          aria-describedby={props.intro ? ids.intro : undefined}
          // Escape, Cancel, or done: the browser returns focus to the button that opened it
          onClose={() => setOpen(false)}
        >
          <form onSubmit={submit}>
            <h2 id={ids.title}>{props.title}</h2>
            {props.intro && (
              <p id={ids.intro} className="dialog-intro">
                {props.intro}
              </p>
            )}
            {props.children}
            {failure && (
              <ErrorAlert
                error={failure.error}
                text={props.failureText?.(failure.error)}
                onDismiss={() => setFailure(null)}
              />
            )}
            <div className="form-actions">
              <button type="submit" className="button-primary" disabled={pending}>
                {props.submit}
              </button>
              <button type="button" className="button-quiet" onClick={() => dialog.current?.close()}>
                {props.cancel}
              </button>
            </div>
          </form>
        </dialog>
      )}
    </>
  )
}

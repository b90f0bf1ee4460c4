// "Block": a modal dialog asking why, for how long, and whether to send the helpline's notice
// first. A failure is said inside the dialog, where the operator is (the page behind is inert).
import type { BlockBody } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { ReasonField } from './reason-field.tsx'

const DURATIONS = { days7: 7, days30: 30, untilLifted: null } as const
type Duration = keyof typeof DURATIONS

type Props = {
  /** The person's pseudonym, for the dialog's title. */
  name: string
  disabled: boolean
  /** Rejects when the server refused: the dialog stays open and says why. */
  onBlock: (body: BlockBody) => Promise<void>
}

export function BlockDialog({ name, disabled, onBlock }: Props) {
  const { t } = useTranslation()
  const ids = { title: useId(), intro: useId(), reason: useId(), hint: useId(), duration: useId() }
  const dialog = useRef<HTMLDialogElement>(null)
  const reasonBox = useRef<HTMLTextAreaElement>(null)
  const [reason, setReason] = useState('')
  const [duration, setDuration] = useState<Duration>('days7')
  const [sendNotice, setSendNotice] = useState(false)
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<{ error: unknown; noNotice: boolean } | null>(null)
  // in the page only while open, so its fields are not found (nor filled) while it is closed
  const [isOpen, setOpen] = useState(false)

  useEffect(() => {
    if (!isOpen) return
    dialog.current?.showModal()
    reasonBox.current?.focus()
  }, [isOpen])

  function open() {
    // every block starts from the mildest choices
    setReason('')
    setDuration('days7')
    setSendNotice(false)
    setFailure(null)
    setOpen(true)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const box = reasonBox.current
    const text = reason.trim()
    if (!text) {
      box?.setCustomValidity(t('block.reasonRequired'))
      box?.reportValidity()
      return
    }
    setPending(true)
    setFailure(null)
    try {
      await onBlock({ reason: text, days: DURATIONS[duration], sendNotice })
      // the conversation is closed now: the dialog leaves with the button that opened it
      dialog.current?.close()
    } catch (error) {
      const noNotice = sendNotice && error instanceof ApiError && error.code === 'ASCOLTO_ERR_VALIDATION'
      setFailure({ error, noNotice })
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <button type="button" className="button-danger-quiet" disabled={disabled} onClick={open}>
        {t('block.open')}
      </button>
      {isOpen && (
        <dialog
          ref={dialog}
          className="block-dialog"
          aria-labelledby={ids.title}
          aria-describedby={ids.intro}
          // Escape, Cancel, or done: the browser returns focus to the button that opened it
          onClose={() => setOpen(false)}
        >
          <form onSubmit={submit}>
            <h2 id={ids.title}>{t('block.title', { name })}</h2>
            <p id={ids.intro} className="dialog-intro">
              {t('block.intro')}
            </p>
            <ReasonField
              id={ids.reason}
              hintId={ids.hint}
              label={t('block.reason')}
              hint={t('block.reasonHint')}
              rows={3}
              value={reason}
              onChange={setReason}
              boxRef={reasonBox}
            />
            <fieldset className="choice-group">
              <legend>{t('block.duration')}</legend>
              {(Object.keys(DURATIONS) as Duration[]).map((choice) => (
                <label key={choice} className="choice">
                  <input
                    type="radio"
                    name={ids.duration}
                    value={choice}
                    checked={duration === choice}
                    onChange={() => setDuration(choice)}
                  />
                  {t(`block.${choice}`)}
                </label>
              ))}
            </fieldset>
            <label className="choice">
              <input
                type="checkbox"
                checked={sendNotice}
                onChange={(event) => setSendNotice(event.target.checked)}
              />
              {t('block.notice')}
            </label>
            {failure && (
              <ErrorAlert
                error={failure.error}
                text={failure.noNotice ? t('block.noNotice') : undefined}
                onDismiss={() => {
                  setFailure(null)
                  reasonBox.current?.focus()
                }}
              />
            )}
            <div className="form-actions">
              <button type="submit" className="button-danger" disabled={pending}>
                {t('block.confirm')}
              </button>
              <button type="button" className="button-quiet" onClick={() => dialog.current?.close()}>
                {t('block.cancel')}
              </button>
            </div>
          </form>
        </dialog>
      )}
    </>
  )
}

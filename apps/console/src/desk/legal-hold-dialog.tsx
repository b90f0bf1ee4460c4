// "Legal hold": keeps the person's data out of the retention purge (a court's or the police's
// request) until lifted. A small modal dialog asks whether to put it on or lift it, and why; the
// reason stays in the audit trail, so it names a request, never a person.
import type { LegalHoldBody } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { ReasonField } from './reason-field.tsx'
import { formatMessageTime } from './time-format.ts'

type Props = {
  /** The person's pseudonym, for the dialog's title. */
  name: string
  /** The hold as last answered: since when, null when lifted, undefined when not asked yet. */
  heldSince: string | null | undefined
  disabled: boolean
  /** Rejects when the server refused: the dialog stays open and says why. */
  onSubmit: (body: LegalHoldBody) => Promise<void>
}

export function LegalHoldDialog({ name, heldSince, disabled, onSubmit }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { title: useId(), intro: useId(), reason: useId(), hint: useId(), choice: useId() }
  const dialog = useRef<HTMLDialogElement>(null)
  const reasonBox = useRef<HTMLTextAreaElement>(null)
  const [on, setOn] = useState(true)
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)
  const [isOpen, setOpen] = useState(false)

  useEffect(() => {
    if (!isOpen) return
    dialog.current?.showModal()
    reasonBox.current?.focus()
  }, [isOpen])

  function open() {
    // the likely next step: lift a hold known to be on, otherwise put one on
    setOn(!heldSince)
    setReason('')
    setFailure(null)
    setOpen(true)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const box = reasonBox.current
    const text = reason.trim()
    if (!text) {
      box?.setCustomValidity(t('legalHold.reasonRequired'))
      box?.reportValidity()
      return
    }
    setPending(true)
    setFailure(null)
    try {
      await onSubmit({ on, reason: text })
      dialog.current?.close()
    } catch (error) {
      setFailure(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="button-quiet"
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={open}
      >
        {t('legalHold.open')}
      </button>
      {isOpen && (
        <dialog
          ref={dialog}
          className="block-dialog"
          aria-labelledby={ids.title}
          aria-describedby={ids.intro}
          onClose={() => setOpen(false)}
        >
          <form onSubmit={submit}>
            <h2 id={ids.title}>{t('legalHold.title', { name })}</h2>
            <p id={ids.intro} className="dialog-intro">
              {t('legalHold.intro')}
              {heldSince !== undefined && (
                <>
                  {' '}
                  {heldSince
                    ? t('legalHold.isOn', { time: formatMessageTime(heldSince, i18n.language) })
                    : t('legalHold.isOff')}
                </>
              )}
            </p>
            <fieldset className="choice-group">
              <legend>{t('legalHold.choice')}</legend>
              <label className="choice">
                <input type="radio" name={ids.choice} checked={on} onChange={() => setOn(true)} />
                {t('legalHold.putOn')}
              </label>
              <label className="choice">
                <input type="radio" name={ids.choice} checked={!on} onChange={() => setOn(false)} />
                {t('legalHold.lift')}
              </label>
            </fieldset>
            <ReasonField
              id={ids.reason}
              hintId={ids.hint}
              label={t('legalHold.reason')}
              hint={t('legalHold.reasonHint')}
              rows={2}
              value={reason}
              onChange={setReason}
              boxRef={reasonBox}
            />
            {failure !== null && (
              <ErrorAlert
                error={failure}
                onDismiss={() => {
                  setFailure(null)
                  reasonBox.current?.focus()
                }}
              />
            )}
            <div className="form-actions">
              <button type="submit" className="button-primary" disabled={pending}>
                {t('legalHold.confirm')}
              </button>
              <button type="button" className="button-quiet" onClick={() => dialog.current?.close()}>
                {t('legalHold.cancel')}
              </button>
            </div>
          </form>
        </dialog>
      )}
    </>
  )
}

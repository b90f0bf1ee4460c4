// The small form under a person's message to hide it: a category, then "Hide" or "Cancel".
// It opens with the choice focused; Escape cancels.
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ChosenHideReason, HIDE_REASONS } from '../api/moderation.ts'

type Props = {
  /** The message's time as shown, naming the form ("Hide the message from 20:31"). */
  time: string
  /** Answers true once hidden; false when it failed (the desk's alert says why). */
  onHide: (reason: ChosenHideReason) => Promise<boolean>
  onCancel: () => void
}

const isReason = (value: string): value is ChosenHideReason =>
  (HIDE_REASONS as readonly string[]).includes(value)

export function HideMessageForm({ time, onHide, onCancel }: Props) {
  const { t } = useTranslation()
  const ids = { reason: useId(), hint: useId() }
  const select = useRef<HTMLSelectElement>(null)
  const [reason, setReason] = useState<ChosenHideReason | ''>('')
  const [pending, setPending] = useState(false)

  useEffect(() => select.current?.focus(), [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!reason || pending) return
    setPending(true)
    // once hidden the form goes away with the button that opened it
    if (!(await onHide(reason))) setPending(false)
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return
    event.preventDefault()
    onCancel()
  }

  return (
    <form
      className="hide-form"
      aria-label={t('hide.formLabel', { time })}
      onSubmit={submit}
      onKeyDown={onKeyDown}
    >
      <label htmlFor={ids.reason}>{t('hide.reason')}</label>
      <select
        ref={select}
        id={ids.reason}
        required
        value={reason}
        aria-describedby={ids.hint}
        onChange={(event) => setReason(isReason(event.target.value) ? event.target.value : '')}
      >
        <option value="">{t('hide.choose')}</option>
        {HIDE_REASONS.map((name) => (
          <option key={name} value={name}>
            {t(`hide.reasons.${name}`)}
          </option>
        ))}
      </select>
      <p id={ids.hint} className="hint">
        {t('hide.hint')}
      </p>
      <div className="form-actions">
        <button type="submit" className="button-danger" disabled={pending}>
          {t('hide.submit')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('hide.cancel')}
        </button>
      </div>
    </form>
  )
}

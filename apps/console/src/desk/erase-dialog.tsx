// "Erase the person": a coordinator answers a person's right to erasure. Everything about them
// goes for good (address, conversations, messages, notes, files); the anonymous statistics stay.
// As it cannot be undone, the dialog asks for the person's number typed out (the browser holds the
// form back until it is right), and a reason for the audit log.
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { eraseContact } from '../api/contacts.ts'
import { ApiError } from '../api/http.ts'
import { DeskDialog } from './desk-dialog.tsx'
import { ReasonField } from './reason-field.tsx'

type Props = {
  conversationId: string
  name: string
  /** The number to type: the person's pseudonym. */
  number: number
  disabled: boolean
  /** Done: the conversations are gone (a refusal is said in the dialog). */
  onErased: () => void
}

export function EraseDialog({ conversationId, name, number, disabled, onErased }: Props) {
  const { t } = useTranslation()
  const ids = { typed: useId(), typedHint: useId(), reason: useId(), hint: useId() }
  const reasonBox = useRef<HTMLTextAreaElement>(null)
  const [typed, setTyped] = useState('')
  const [reason, setReason] = useState('')
  const matches = (value: string) => value.trim().replace(/^#/, '') === String(number)

  return (
    <DeskDialog
      opener={t('erase.open')}
      openerClass="button-danger-quiet"
      title={t('erase.title', { name })}
      intro={t('erase.intro')}
      submit={t('erase.confirm')}
      cancel={t('erase.cancel')}
      disabled={disabled}
      onOpen={() => {
        setTyped('')
        setReason('')
      }}
      failureText={(error) =>
        error instanceof ApiError && error.code === 'ASCOLTO_ERR_DUPLICATE_CONFLICT'
          ? t('erase.underHold')
          : undefined
      }
      onSubmit={async () => {
        await eraseContact(conversationId, reason.trim())
        onErased()
      }}
    >
      <div className="field">
        <label htmlFor={ids.typed}>{t('erase.typed', { number })}</label>
        <input
          id={ids.typed}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          required
          value={typed}
          aria-describedby={ids.typedHint}
          onChange={(event) => {
            // the browser holds the form back until the number is right
            const value = event.target.value
            event.target.setCustomValidity(
              value === '' || matches(value) ? '' : t('erase.typedWrong', { number }),
            )
            setTyped(value)
          }}
        />
        <p id={ids.typedHint} className="hint">
          {t('erase.typedHint')}
        </p>
      </div>
      <div className="field">
        <ReasonField
          id={ids.reason}
          hintId={ids.hint}
          label={t('erase.reason')}
          hint={t('erase.reasonHint')}
          rows={2}
          value={reason}
          onChange={setReason}
          boxRef={reasonBox}
        />
      </div>
    </DeskDialog>
  )
}

// The required reason a serious action asks for (a block, a legal hold): a labelled text box with
// its hint; the dialog sets a custom validity message on it when it is left blank.
import type { RefObject } from 'react'

type Props = {
  id: string
  hintId: string
  label: string
  hint: string
  rows: number
  value: string
  onChange: (value: string) => void
  boxRef: RefObject<HTMLTextAreaElement | null>
}

export function ReasonField({ id, hintId, label, hint, rows, value, onChange, boxRef }: Props) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        ref={boxRef}
        id={id}
        rows={rows}
        required
        maxLength={500}
        value={value}
        aria-describedby={hintId}
        onChange={(event) => {
          event.target.setCustomValidity('')
          onChange(event.target.value)
        }}
      />
      <p id={hintId} className="hint">
        {hint}
      </p>
    </>
  )
}

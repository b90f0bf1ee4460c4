// A one-line field of the settings form: its label, the input named by its path, and a hint read
// with it. A number (a limit, minutes) gets a short input and the numeric keyboard.
import type { ReactNode } from 'react'
import { useField } from './field.ts'

type Props = {
  path: string
  label: ReactNode
  hint: ReactNode
  value: string
  onChange: (value: string) => void
  numeric?: boolean
}

export function TextField({ path, label, hint, value, onChange, numeric = false }: Props) {
  const field = useField(path)
  const hintId = `${field.id}-hint`
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        type="text"
        autoComplete="off"
        {...(numeric ? { inputMode: 'numeric', className: 'short-input' } : {})}
        {...field}
        aria-describedby={hintId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={hintId} className="hint">
        {hint}
      </p>
    </div>
  )
}

// One filter of the closed conversations: a labelled choice whose first option means "no filter".
import { useId } from 'react'

type Props = {
  label: string
  /** The words of the first option, which filters nothing. */
  any: string
  value: string | undefined
  options: ReadonlyArray<{ value: string; label: string }>
  onChange: (value: string) => void
}

export function FilterChoice({ label, any, value, options, onChange }: Props) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

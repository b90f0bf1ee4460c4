// The rows of a list in the form (time ranges, closures, redirects): add, change, remove. Focus
// follows: into the row just added, to the "add" button after a removal (not the page's top).
import { useEffect, useRef } from 'react'

export function useRows<T>(rows: T[], onChange: (rows: T[]) => void, empty: () => T) {
  const addButton = useRef<HTMLButtonElement>(null)
  /** The element holding the rows, each marked data-row. */
  const list = useRef<HTMLDivElement>(null)
  const added = useRef(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a row has been added
  useEffect(() => {
    if (!added.current) return
    added.current = false
    const rowsShown = list.current?.querySelectorAll(':scope > [data-row]')
    rowsShown?.[rowsShown.length - 1]?.querySelector<HTMLElement>('input, textarea, select')?.focus()
  }, [rows.length])

  return {
    addButton,
    list,
    add: () => {
      added.current = true
      onChange([...rows, empty()])
    },
    replace: (index: number, row: T) => onChange(rows.map((r, i) => (i === index ? row : r))),
    remove: (index: number) => {
      onChange(rows.filter((_, i) => i !== index))
      addButton.current?.focus()
    },
  }
}

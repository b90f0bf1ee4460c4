// The rows of a list in the form (time ranges, closures, redirects, categories): add, change,
// remove, move. Focus follows: into the row just added, to the "add" button after a removal (not
// the page's top), with the row moved (on its own move button, or the other one at an end).
import { useEffect, useRef } from 'react'

export function useRows<T>(rows: T[], onChange: (rows: T[]) => void, empty: () => T) {
  const addButton = useRef<HTMLButtonElement>(null)
  /** The element holding the rows, each marked data-row. */
  const list = useRef<HTMLDivElement>(null)
  const added = useRef(false)
  const moved = useRef<{ to: number; way: 'up' | 'down' } | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a row has been added
  useEffect(() => {
    if (!added.current) return
    added.current = false
    const rowsShown = list.current?.querySelectorAll(':scope > [data-row]')
    rowsShown?.[rowsShown.length - 1]?.querySelector<HTMLElement>('input, textarea, select')?.focus()
  }, [rows.length])

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the rows have changed
  useEffect(() => {
    const move = moved.current
    if (!move) return
    moved.current = null
    const row = list.current?.querySelectorAll(':scope > [data-row]')[move.to]
    // the row's own tools (beside its name, or under what it holds), not those of a row inside it
    const button = (way: string) =>
      row?.querySelector<HTMLButtonElement>(
        `:scope > .row-tools [data-move="${way}"], :scope > .row > .row-tools [data-move="${way}"]`,
      )
    const same = button(move.way)
    ;(same && !same.disabled ? same : button(move.way === 'up' ? 'down' : 'up'))?.focus()
  }, [rows])

  return {
    addButton,
    list,
    add: () => {
      added.current = true
      onChange([...rows, empty()])
    },
    replace: (index: number, row: T) => onChange(rows.map((r, i) => (i === index ? row : r))),
    /** One place up (-1) or down (+1). */
    move: (index: number, by: -1 | 1) => {
      const to = index + by
      if (to < 0 || to >= rows.length) return
      moved.current = { to, way: by < 0 ? 'up' : 'down' }
      const next = [...rows]
      ;[next[index], next[to]] = [next[to] as T, next[index] as T]
      onChange(next)
    },
    remove: (index: number) => {
      onChange(rows.filter((_, i) => i !== index))
      addButton.current?.focus()
    },
  }
}

// Every input of the settings form is named by its path in the file, so a problem the server
// names can mark it (aria-invalid) and the list of problems can take the coordinator to it.
import { createContext, useContext } from 'react'
import { concerns } from './problems.ts'

/** The paths named by the last refusal. */
export const ProblemPaths = createContext<readonly string[]>([])

export const fieldId = (path: string) => `setting-${path.replace(/[^A-Za-z0-9]+/g, '-')}`

/** Props for the input at `path`: its id (for its label), its path, and whether a problem names it. */
export function useField(path: string) {
  const problems = useContext(ProblemPaths)
  const invalid = problems.some((problem) => concerns(problem, path))
  return { id: fieldId(path), 'data-field': path, 'aria-invalid': invalid || undefined }
}

/** The first input a problem at `path` names, to move focus to it from the list. */
export function findField(path: string): HTMLElement | null {
  const fields = document.querySelectorAll<HTMLElement>('[data-field]')
  return [...fields].find((field) => concerns(path, field.dataset.field ?? '')) ?? null
}

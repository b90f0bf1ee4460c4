// What each of the operator's helplines offers at the desk, loaded once per helpline (and again
// after a coordinator changes the canned replies).
import type { DeskSetup, LocalizedText, Membership } from '@ascolto/protocol'
import { useCallback, useEffect, useState } from 'react'
import { getDeskSetup } from '../api/desk.ts'

export type DeskSetups = Record<string, DeskSetup>

export function useDeskSetups(memberships: readonly Membership[]) {
  const [setups, setSetups] = useState<DeskSetups>({})
  const [generation, setGeneration] = useState(0)
  const ids = memberships.map((m) => m.helplineId).join(',')

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation asks for a reload
  useEffect(() => {
    let current = true
    for (const helplineId of ids.split(',').filter(Boolean)) {
      getDeskSetup(helplineId).then(
        (setup) => current && setSetups((all) => ({ ...all, [helplineId]: setup })),
        // without it the desk still works: no canned replies, no closing form
        () => {},
      )
    }
    return () => {
      current = false
    }
  }, [ids, generation])

  const reload = useCallback(() => setGeneration((n) => n + 1), [])
  return { setups, reload }
}

/** The helpline's own words in the operator's language, else in the helpline's first. */
export function localized(text: LocalizedText, language: string, languages: readonly string[] = []) {
  return text[language] ?? languages.map((l) => text[l]).find(Boolean) ?? Object.values(text)[0] ?? ''
}

// What a single-use link's page shows before the form (the invitation's helpline and address, the
// reset's address): looked up once per link; a link used or expired is 'spent' (410). The error
// state is the page's own, which its form sets too.
import { useEffect, useState } from 'react'
import { ApiError } from '../api/http.ts'
import { useErrorText } from '../shell/error-alert.tsx'

export function useLinkPreview<T>(lookup: (token: string) => Promise<T>, token: string) {
  const errorText = useErrorText()
  const [preview, setPreview] = useState<T | 'spent' | null>(null)
  const [error, setError] = useState<string | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per link (errorText and lookup are new at each render)
  useEffect(() => {
    lookup(token).then(setPreview, (failure) => {
      if (failure instanceof ApiError && failure.status === 410) setPreview('spent')
      else setError(errorText(failure))
    })
  }, [token])
  return { preview, setPreview, error, setError }
}

// The directory as a search the screen and the desk's panel share: what is asked, what came back.
import type { DirectoryList, DirectorySearch } from '@ascolto/protocol'
import { useCallback, useEffect, useState } from 'react'
import { searchDirectory } from './directory-api.ts'

export function useDirectory(helplineId: string, onError: (error: unknown) => void) {
  const [search, setSearch] = useState<DirectorySearch>({})
  const [found, setFound] = useState<DirectoryList | null>(null)

  useEffect(() => {
    let current = true
    // typing goes on: ask once the words settle
    const timer = setTimeout(() => {
      searchDirectory(helplineId, search).then((list) => current && setFound(list), onError)
    }, 200)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [helplineId, search, onError])

  // the same search as a new object: asked again
  const reload = useCallback(() => setSearch((asked) => ({ ...asked })), [])
  return { search, setSearch, found, reload }
}

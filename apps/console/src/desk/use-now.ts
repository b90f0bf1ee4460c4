import { useEffect, useState } from 'react'

/** The current time, refreshed every so often, so "3 min" becomes "4 min" by itself. */
export function useNow(everyMilliseconds = 30_000) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMilliseconds)
    return () => clearInterval(timer)
  }, [everyMilliseconds])
  return now
}

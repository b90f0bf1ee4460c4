// Who is on a call now, in the desk's helplines: a line each, refreshed every half minute and
// whenever a call's record changes in a conversation on screen.
import type { LiveCalls as LiveCallsView } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listLiveCalls } from './calls-api.ts'

const REFRESH_MS = 30_000

export function LiveCalls({ helplineIds }: { helplineIds: readonly string[] }) {
  const { t } = useTranslation()
  const [calls, setCalls] = useState<LiveCallsView['calls']>([])
  const key = helplineIds.join(' ')
  // biome-ignore lint/correctness/useExhaustiveDependencies: the helplines, by their ids
  useEffect(() => {
    let stopped = false
    const load = () =>
      Promise.all(helplineIds.map(listLiveCalls))
        .then((lists) => !stopped && setCalls(lists.flatMap((list) => list.calls)))
        .catch(() => undefined)
    load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [key])
  if (calls.length === 0) return null
  return (
    <section className="live-calls" aria-label={t('calls.onCall')}>
      <p>
        {t('calls.onCall')}: {calls.map((call) => call.operator.displayName).join(', ')}
      </p>
    </section>
  )
}

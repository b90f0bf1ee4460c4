// A burst of inbound requests, eight at a time, with the server killed (SIGKILL) part-way through:
// what the fault tests start from. Returns the keys of the requests that were acknowledged.
import type { SpawnedAscolto } from './spawn-ascolto.ts'

export async function burstThroughCrash<T extends { key: string }>(
  victim: SpawnedAscolto,
  items: T[],
  send: (url: string, item: T) => Promise<number>,
  options: { killAt: number; acknowledged?: (status: number) => boolean },
): Promise<string[]> {
  const isAcknowledged = options.acknowledged ?? ((status: number) => status >= 200 && status < 300)
  const acknowledged: string[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let index = next++; index < items.length; index = next++) {
        if (index === options.killAt) victim.child.kill('SIGKILL')
        const item = items[index]
        if (item && isAcknowledged(await send(victim.url, item).catch(() => 0))) acknowledged.push(item.key)
      }
    }),
  )
  return acknowledged
}

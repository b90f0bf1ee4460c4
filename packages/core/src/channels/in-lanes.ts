/**
 * Works through `items` in lanes: the items of one key (one person) handed to `work` together, in
 * their order, and up to `lanes` keys at once. A key whose work fails stops there (what it had
 * not stored stays unstored, so a retry keeps the order); the others go on, and the first error
 * is thrown once every lane has finished, so nothing is still being written when the caller answers.
 */
export async function inLanes<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  lanes: number,
  work: (items: readonly T[]) => Promise<void>,
) {
  const waiting = [...Map.groupBy(items, keyOf).values()]
  const errors: unknown[] = []
  const lane = async () => {
    for (let queue = waiting.shift(); queue; queue = waiting.shift()) {
      try {
        await work(queue)
      } catch (error) {
        errors.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(lanes, waiting.length) }, lane))
  if (errors.length > 0) throw errors[0]
}

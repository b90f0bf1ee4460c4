// A pool whose connections are handed out only once `letThrough` is called: for what an instance
// does while its database connections are on their way (a start, a stop, on a busy machine).
import type { Pool } from '@ascolto/db'

export function holdingConnections(pool: Pool) {
  let letThrough: () => void = () => {}
  const held = new Promise<void>((resolve) => {
    letThrough = resolve
  })
  const slowPool = new Proxy(pool, {
    get(target, property) {
      if (property === 'connect') {
        return async () => {
          await held
          return target.connect()
        }
      }
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { slowPool, letThrough }
}

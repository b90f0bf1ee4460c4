import type { PoolClient } from '@ascolto/db'
import type { Keyring } from './crypto/keyring.ts'
import type { Publisher } from './realtime/publisher.ts'

/** What a use-case runs in: one transaction, and effects to run once it has committed. */
export type Tx = PoolClient
export type AfterCommit = (effect: () => void) => void
export type Services = {
  keyring: Keyring
  publisher: Publisher
  /** The time the helpline's rules see; a test sets it to 22:00 on a given evening. */
  clock: () => Date
}

/** The signed-in operator, as every authorisation check sees them. */
export type Actor = {
  userId: string
  displayName: string
  isAdmin: boolean
  /** Role per helpline: the wall. A helpline missing here does not exist for this actor. */
  roles: ReadonlyMap<string, 'volunteer' | 'supervisor' | 'coordinator'>
  /**
   * The helplines where the account is a mediator (mediation/): kept out of `roles`, so no staff
   * route or query ever counts them; only the conversations they are in exist for them.
   */
  mediatorOf?: ReadonlySet<string>
}

export const helplineIdsOf = (actor: Actor) => [...actor.roles.keys()]

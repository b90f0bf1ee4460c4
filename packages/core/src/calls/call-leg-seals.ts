// The provider's ids a call a mediator joins needs at the provider (the operator's leg, the
// conference, a mediator's leg), sealed with the helpline's key, each bound to its row: they name
// a person's call in the provider's logs and are never stored in clear.
import type { Services } from '../context.ts'

type Keyring = Services['keyring']
type Sealed = 'operator-leg' | 'conference' | 'mediator-leg'

export const sealCallId = (keyring: Keyring, helplineId: string, what: Sealed, rowId: string, id: string) =>
  keyring.scope(helplineId).seal(id, `call-${what}:${rowId}`)

export const openCallId = (
  keyring: Keyring,
  helplineId: string,
  what: Sealed,
  rowId: string,
  sealed: Buffer,
) => keyring.scope(helplineId).open(sealed, `call-${what}:${rowId}`)

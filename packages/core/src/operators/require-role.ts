import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'

type Role = 'volunteer' | 'supervisor' | 'coordinator'
const rank: Record<Role, number> = { volunteer: 1, supervisor: 2, coordinator: 3 }

/**
 * The actor's role in a helpline, at least `least`. Outside the helpline: "not found", as for an
 * id that does not exist; inside with too small a role: "forbidden".
 */
export function requireRole(actor: Actor, helplineId: string, least: Role): Role {
  const role = actor.roles.get(helplineId)
  if (!role) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Helpline not found')
  if (rank[role] < rank[least])
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', `This needs the ${least} role`)
  return role
}

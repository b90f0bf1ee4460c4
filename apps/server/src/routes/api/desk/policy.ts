// The authorisation policy of the desk's routes (see plugins/route-policies.ts): staff with at
// least this role in some helpline; each use-case then checks the helpline itself. `audit`: the
// route reads a conversation's content, logged before the handler runs.
import type { ConversationRead } from '@ascolto/core'
import type { Role } from '@ascolto/protocol'
import type { RoutePolicy } from '../../../plugins/route-policies.ts'

export const staff = (least: Role, audit?: ConversationRead): RoutePolicy => ({
  access: 'staff',
  least,
  ...(audit ? { audit } : {}),
})

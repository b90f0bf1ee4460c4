// The call-backs still to make in the actor's helplines (or one of them), the most overdue first.
// Every member sees that a call-back waits; the number is revealed apart.

import type { Queryable } from '@ascolto/db'
import type { CallbackList } from '@ascolto/protocol'
import { type Actor, helplineIdsOf } from '../context.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadOpenCallbackViews } from './callback-views.ts'

export async function listCallbacks(db: Queryable, actor: Actor, helplineId?: string): Promise<CallbackList> {
  if (helplineId) requireRole(actor, helplineId, 'volunteer')
  const callbacks = await loadOpenCallbackViews(db, helplineId ? [helplineId] : helplineIdsOf(actor))
  return { callbacks }
}

// The waits as the web chat hears them: each waiting visitor's, found by the token that names
// their socket room (sealed under the person's key, opened only to push to that room).
import type { Queryable } from '@ascolto/db'
import type { WidgetWait } from '@ascolto/protocol'
import type { Keyring } from '../crypto/keyring.ts'
import { openConversationOfVisitor, visitorsOfConversations } from '../widget/visitor-signals.ts'
import { describeWaits } from './describe-waits.ts'

/** The wait of every web-chat visitor waiting at this helpline, by their token. */
export async function describeWidgetWaits(
  db: Queryable,
  keyring: Keyring,
  { helplineId, at }: { helplineId: string; at: Date },
): Promise<{ token: string; wait: WidgetWait }[]> {
  const waits = await describeWaits(db, { helplineId, at, of: { webchat: true } })
  if (waits.length === 0) return []
  const visitors = await visitorsOfConversations(
    db,
    keyring,
    waits.map((w) => w.conversationId),
  )
  return waits.flatMap(({ conversationId, ...wait }) => {
    const visitor = visitors.get(conversationId)
    return visitor ? [{ token: visitor.token, wait }] : []
  })
}

/** One visitor's wait, or null when they are not waiting (or the helpline does not show waits). */
export async function visitorWait(
  db: Queryable,
  keyring: Keyring,
  channel: { id: string; helplineId: string },
  token: string,
  at: Date,
): Promise<WidgetWait | null> {
  const conversationId = await openConversationOfVisitor(db, keyring, channel, token)
  if (!conversationId) return null
  const [found] = await describeWaits(db, { helplineId: channel.helplineId, at, of: { conversationId } })
  if (!found) return null
  const { conversationId: _id, ...wait } = found
  return wait
}

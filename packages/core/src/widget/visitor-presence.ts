// Whether the web-chat person is still there. The server's /widget socket says when the last
// socket of a visitor closes (away) and when one opens again (back); the console shows both.
// A visitor away longer than VISITOR_GONE_MINUTES has left for good (person-left.ts), as if they
// had ended the chat: long enough for a phone locked in a pocket, a lost signal on a train or a
// page reloaded, short enough that a conversation nobody answered does not wait all evening.
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { isOpen, type OpeningRules } from '../policy/index.ts'
import { addSystemNote, systemWords } from './add-system-note.ts'
import { markPersonLeft } from './person-left.ts'

/** The grace time: a visitor without a socket this long has left the conversation. */
export const VISITOR_GONE_MINUTES = 30

type Context = { tx: Tx; afterCommit: AfterCommit; services: Services }
type Channel = { id: string; helplineId: string }

async function openConversationOf({ tx, services }: Context, channel: Channel, token: string) {
  const { rows } = await tx.query<{ id: string; away: boolean; left: boolean }>(
    `select c.id, c.visitor_away_since is not null as away, c.ended_by_visitor_at is not null as left
       from contact_identity ci
       join conversation c on c.contact_id = ci.contact_id and c.channel_id = ci.channel_id
      where ci.channel_id = $1 and ci.address_hash = $2 and c.status <> 'closed'
      for update of c`,
    [channel.id, services.keyring.hashAddress(channel.helplineId, token)],
  )
  return rows[0]
}

async function announce({ tx, afterCommit, services }: Context, helplineId: string, conversationId: string) {
  const view = await loadConversationView(tx, services.keyring, [helplineId], conversationId)
  afterCommit(() => view && services.publisher.toConsoles(helplineId, 'conversation.updated', view))
}

/** The visitor's last socket closed: their open conversation shows them away from now. */
export async function noteVisitorAway(context: Context, channel: Channel, token: string, at: Date) {
  const open = await openConversationOf(context, channel, token)
  if (!open || open.away || open.left) return
  await context.tx.query('update conversation set visitor_away_since = $2 where id = $1', [open.id, at])
  await announce(context, channel.helplineId, open.id)
}

/**
 * The visitor is there again (a socket opened, a message, a resume code): away no more, and a
 * conversation they had left is theirs again, with a note saying they came back.
 */
export async function noteVisitorBack(context: Context, channel: Channel, token: string) {
  const open = await openConversationOf(context, channel, token)
  if (!open || (!open.away && !open.left)) return
  await context.tx.query(
    'update conversation set visitor_away_since = null, ended_by_visitor_at = null where id = $1',
    [open.id],
  )
  if (open.left) {
    const settings = await loadHelplineSettings(context.tx, channel.helplineId)
    const note = await addSystemNote(
      context.tx,
      context.services.keyring,
      { helplineId: channel.helplineId, channelId: channel.id, conversationId: open.id },
      systemWords(settings.languages).back,
    )
    context.afterCommit(() =>
      context.services.publisher.toConsoles(channel.helplineId, 'message.created', note),
    )
  }
  await announce(context, channel.helplineId, open.id)
}

/**
 * Every conversation whose visitor has been away past the grace time is left; how many. Except
 * one that came while the line was closed and still waits for its first answer: the person was
 * told when the line would answer («Ora siamo chiusi: ti risponderemo domani dalle 18:00. Puoi
 * scrivere lo stesso.») and closed the page, as anyone would; it waits in the queue until its due
 * time, and the answer waits for them. Those are looked at last, so they never hold up the others.
 */
export async function endGoneVisitors(context: Context, at: Date): Promise<number> {
  const { rows } = await context.tx.query<{
    id: string
    helpline_id: string
    channel_id: string
    opened_at: Date
    due_later: boolean
  }>(
    `select id, helpline_id, channel_id, opened_at, status = 'waiting' and due_at > $1 as due_later
       from conversation
      where visitor_away_since < $1::timestamptz - make_interval(mins => $2)
        and status <> 'closed' and ended_by_visitor_at is null
      order by due_later, visitor_away_since limit 200 for update skip locked`,
    [at, VISITOR_GONE_MINUTES],
  )
  const rules = new Map<string, OpeningRules>()
  let left = 0
  for (const row of rows) {
    if (row.due_later) {
      const helplineRules =
        rules.get(row.helpline_id) ?? openingRulesOf(await loadHelplineSettings(context.tx, row.helpline_id))
      rules.set(row.helpline_id, helplineRules)
      if (!isOpen(helplineRules, row.opened_at)) continue
    }
    await markPersonLeft(
      context,
      { id: row.id, helplineId: row.helpline_id, channelId: row.channel_id },
      'gone',
    )
    left++
  }
  return left
}

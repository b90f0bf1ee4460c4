// The person left their conversation: they ended it ("Termina la chat", quick exit), or the
// widget's socket was gone past the grace time (visitor-presence.ts). Nothing disappears:
// - nobody of the line had answered (nor taken it): it closes as "ended before an answer", its
//   facts written now (abandoned, the wait kept as its duration), so the statistics count it;
// - a volunteer is in it (taken, or a person of the line replied): it stays open in their list,
//   marked "the person left", until they fill in the closing form.
// Either way the volunteer reads a note saying so, and the consoles are told.
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { recordConversationFacts } from '../conversations/record-conversation-facts.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { announceEnded, endMediations } from '../mediation/end-mediation.ts'
import { addSystemNote, systemWords } from './add-system-note.ts'

export type LeftConversation = { id: string; helplineId: string; channelId: string }

/** 'closed': ended before an answer; 'kept': left with a volunteer in it; null: already left or closed. */
export async function markPersonLeft(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  conversation: LeftConversation,
  how: 'ended' | 'gone',
): Promise<'closed' | 'kept' | null> {
  const { rows } = await tx.query<{ answered: boolean }>(
    `select c.status = 'open' or exists (
              select 1 from message r where r.conversation_id = c.id and r.direction = 'outbound'
                 and r.kind <> 'auto_reply' and r.author_id is not null) as answered
       from conversation c
      where c.id = $1 and c.status <> 'closed' and c.ended_by_visitor_at is null
      for update`,
    [conversation.id],
  )
  const row = rows[0]
  if (!row) return null
  await tx.query(
    row.answered
      ? `update conversation set ended_by_visitor_at = now(), visitor_away_since = null where id = $1`
      : `update conversation set status = 'closed', closed_at = now(), ended_by_visitor_at = now(),
                visitor_away_since = null, help_requested_at = null, help_requested_by = null
          where id = $1`,
    [conversation.id],
  )
  // a close now, like one by the helpline, so the survey the widget shows has a row to answer in
  if (!row.answered) await recordConversationFacts(tx, [conversation.id])
  const mediationsEnded = row.answered ? [] : await endMediations(tx, [conversation.id], 'closed', null)
  const settings = await loadHelplineSettings(tx, conversation.helplineId)
  const words = systemWords(settings.languages)
  const note = await addSystemNote(
    tx,
    services.keyring,
    {
      helplineId: conversation.helplineId,
      channelId: conversation.channelId,
      conversationId: conversation.id,
    },
    how === 'ended' ? words.ended : words.gone,
  )
  const view = await loadConversationView(tx, services.keyring, [conversation.helplineId], conversation.id)
  afterCommit(() => {
    services.publisher.toConsoles(conversation.helplineId, 'message.created', note)
    if (view) services.publisher.toConsoles(conversation.helplineId, 'conversation.updated', view)
    announceEnded(services, mediationsEnded)
  })
  return row.answered ? 'kept' : 'closed'
}

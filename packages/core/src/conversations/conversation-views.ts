// Reads conversations as the console shows them. Every read takes the helplines the reader may
// see: a conversation outside them is never selected.
import { channelAdapters } from '@ascolto/channels'
import type { ConversationView } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'
import { replyWindowClosesAt } from '../messages/reply-window.ts'
import { previewText } from '../reports/report-message.ts'
import { statementBatches } from '../transactions/statement-batches.ts'
import { riskRank } from '../triage/conversation-risk.ts'

const PREVIEW_LENGTH = 120

type ConversationRow = {
  id: string
  helpline_id: string
  contact_id: string
  key_sealed: Buffer | null
  channel_kind: string
  pseudonym: number
  status: ConversationView['status']
  assignee_id: string | null
  assignee_name: string | null
  opened_at: Date
  last_message_at: Date
  due_at: Date | null
  language: string | null
  by_phone: boolean
  preview_id: string | null
  preview_sealed: Buffer | null
  preview_kind: string | null
  preview_seconds: number | null
  last_inbound_at: Date | null
  help_requested: boolean
  risk_level: ConversationView['riskLevel']
  flags: ConversationView['flags']
  earlier: number
  unread: number
  review: ConversationView['review']
  ended_by_visitor_at: Date | null
  visitor_away_since: Date | null
}

export type ConversationFilter = {
  helplineIds: readonly string[]
  ids?: readonly string[]
  status?: 'waiting' | 'open'
  assigneeId?: string
}

function firstLine(text: string) {
  const line = text.split('\n', 1)[0] ?? ''
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line
}

/** The views' statement; `which` selects the conversations ($1 the helplines, $2 the ids). */
const viewsStatement = (
  which: string,
) => `select c.id, c.helpline_id, c.contact_id, k.key_sealed, ch.kind as channel_kind, ct.pseudonym, c.status, c.assignee_id,
            u.display_name as assignee_name, c.opened_at, c.last_message_at, c.due_at, c.language,
            lm.id as preview_id, lm.body_sealed as preview_sealed, lm.kind as preview_kind,
            (lm.media->>'durationSeconds')::int as preview_seconds, ci.last_inbound_at,
            c.help_requested_at is not null as help_requested, c.risk_level,
            c.ended_by_visitor_at, c.visitor_away_since,
            exists (select 1 from message p where p.conversation_id = c.id and p.kind in ('call', 'voicemail')) as by_phone,
            coalesce((select json_agg(json_build_object('kind', f.kind, 'acknowledged', f.acknowledged_at is not null)
                                      order by f.raised_at)
                        from safeguarding_flag f where f.conversation_id = c.id), '[]') as flags,
            (select count(*)::int from conversation e
              where e.contact_id = c.contact_id and e.opened_at < c.opened_at) as earlier,
            (select count(*)::int from message u
              where u.conversation_id = c.id and u.direction = 'inbound' and u.seq > c.read_seq) as unread,
            (select case when r.signed_off_at is null then 'requested' else 'signed_off' end
               from conversation_review r where r.conversation_id = c.id) as review
       from conversation c
       join channel ch on ch.id = c.channel_id
       join contact ct on ct.id = c.contact_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
       left join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
       left join app_user u on u.id = c.assignee_id
       left join lateral (
         select m.id, m.body_sealed, m.kind, m.media from message m
          where m.conversation_id = c.id and m.direction = 'inbound' and m.hidden_at is null
            -- a call's own record has no words: the preview is what the person said or left
            and m.kind <> 'call'
          order by m.seq desc limit 1) lm on true
      where ${which}
        and ($3::text is null or c.status = $3)
        and ($4::uuid is null or c.assignee_id = $4)
      order by case when c.status = 'waiting' then ${riskRank('c.risk_level')} end desc nulls last,
               case when c.status = 'waiting' then coalesce(c.due_at, c.opened_at) end asc,
               c.opened_at asc, c.last_message_at desc
      limit 500`
/** A console's lists (the queue, someone's open ones): planned for the filters of each call. */
const VIEWS = { text: viewsStatement('c.helpline_id = any($1::uuid[]) and $2::uuid[] is null') }
/** The views the ingest sends with every message: prepared once per connection, led by the key. */
const VIEWS_BY_ID = {
  name: 'conversation-views-by-id',
  text: viewsStatement('c.id = any($2::uuid[]) and c.helpline_id = any($1::uuid[])'),
}

export async function loadConversationViews(
  tx: Pick<Tx, 'query'>,
  keyring: Keyring,
  filter: ConversationFilter,
): Promise<ConversationView[]> {
  // A plan kept for a connection is made once for every value: kept for the lists, it could not
  // tell the status asked for and read the helpline's whole history; kept for both, it read every
  // conversation of the helpline to find those asked for by id.
  const { rows } = await tx.query<ConversationRow>({
    ...(filter.ids ? VIEWS_BY_ID : VIEWS),
    values: [filter.helplineIds, filter.ids ?? null, filter.status ?? null, filter.assigneeId ?? null],
  })
  return rows.map((row) => ({
    id: row.id,
    helplineId: row.helpline_id,
    channelKind: row.channel_kind,
    contactPseudonym: row.pseudonym,
    status: row.status,
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    openedAt: row.opened_at.toISOString(),
    lastMessageAt: row.last_message_at.toISOString(),
    dueAt: row.due_at?.toISOString() ?? null,
    language: row.language,
    byPhone: row.by_phone,
    preview:
      row.preview_id && row.preview_sealed
        ? firstLine(
            previewText(
              row.preview_kind,
              keyring
                .contact(row.helpline_id, row.contact_id, row.key_sealed)
                .open(row.preview_sealed, `message:${row.preview_id}`),
            ),
          )
        : '',
    previewVoicemail: row.preview_kind === 'voicemail' ? { durationSeconds: row.preview_seconds } : null,
    helpRequested: row.help_requested,
    riskLevel: row.risk_level,
    flags: row.flags,
    earlierConversations: row.earlier,
    unread: row.unread,
    review: row.review,
    replyWindowClosesAt:
      replyWindowClosesAt(channelAdapters[row.channel_kind], row.last_inbound_at)?.toISOString() ?? null,
    canAttach: channelAdapters[row.channel_kind]?.capabilities.media === true,
    personLeftAt: row.ended_by_visitor_at?.toISOString() ?? null,
    personAwaySince: row.visitor_away_since?.toISOString() ?? null,
  }))
}

export async function loadConversationView(
  tx: Pick<Tx, 'query'>,
  keyring: Keyring,
  helplineIds: readonly string[],
  id: string,
): Promise<ConversationView | undefined> {
  return (await loadConversationViews(tx, keyring, { helplineIds, ids: [id] }))[0]
}

/**
 * One conversation's view, read in one statement with those the other people of this
 * transaction ask for at the same moment (transactions/statement-batches.ts).
 */
export const conversationViewTogether = statementBatches<
  { keyring: Keyring; helplineId: string; id: string },
  ConversationView | undefined
>(async (tx, wanted) => {
  const first = wanted[0]
  if (!first) return []
  const views = await loadConversationViews(tx, first.keyring, {
    helplineIds: [...new Set(wanted.map((w) => w.helplineId))],
    ids: wanted.map((w) => w.id),
  })
  const byId = new Map(views.map((view) => [view.id, view]))
  // each sees only its own helpline's
  return wanted.map((w) => {
    const view = byId.get(w.id)
    return view?.helplineId === w.helplineId ? view : undefined
  })
})

import type { CallOutcome, HideReason, MessageView } from '@ascolto/protocol'
import { CALL_MEDIATORS, type CallMediatorRow, mediatorOnLine } from '../calls/call-mediators-on-line.ts'
import { CALL_OUTCOME, CALL_RING_SECONDS } from '../calls/call-outcome.ts'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'

type MessageRow = {
  id: string
  conversation_id: string
  helpline_id: string
  contact_id: string
  key_sealed: Buffer | null
  direction: MessageView['direction']
  kind: string
  body_sealed: Buffer | null
  status: MessageView['status']
  author_id: string | null
  author_name: string | null
  created_at: Date
  error_code: string | null
  flagged: boolean
  hidden_reason: HideReason | null
  media: { mimeType?: string | null; voice?: boolean; durationSeconds?: number } | null
  media_status: NonNullable<MessageView['media']>['status'] | null
  media_error: string | null
  stored_type: string | null
  call: {
    outcome: CallOutcome
    live: boolean
    started_at: string
    ring_seconds: number | null
    talk_seconds: number | null
    answered_by: string | null
    answered_by_name: string | null
    mediators: CallMediatorRow[]
  } | null
}

export async function loadMessageViews(
  tx: Pick<Tx, 'query'>,
  keyring: Keyring,
  filter: { helplineId: string; conversationId?: string; ids?: readonly string[]; revealHidden?: boolean },
): Promise<MessageView[]> {
  const { rows } = await tx.query<MessageRow>(
    `select m.id, m.conversation_id, m.helpline_id, c.contact_id, k.key_sealed, m.direction, m.kind, m.body_sealed, m.status,
            m.author_id, u.display_name as author_name, m.created_at, m.error_code,
            m.flagged, m.hidden_reason, m.media, m.media_status, m.media_error, f.mime_type as stored_type,
            case when p.id is not null then json_build_object(
              'outcome', ${CALL_OUTCOME}, 'live', p.answered_at is not null and p.ended_at is null and p.talk_seconds is null,
              'started_at', p.started_at, 'ring_seconds', greatest(0, ${CALL_RING_SECONDS}),
              'talk_seconds', p.talk_seconds, 'answered_by', p.answered_by, 'answered_by_name', au.display_name,
              'mediators', ${CALL_MEDIATORS})
            end as call
       from message m join conversation c on c.id = m.conversation_id
       left join phone_call p on p.message_id = m.id
       left join app_user au on au.id = p.answered_by
       left join keystore.contact_key k on k.contact_id = c.contact_id
       left join app_user u on u.id = m.author_id
       left join media_file f on f.message_id = m.id
      where m.helpline_id = $1
        and ($2::uuid is null or m.conversation_id = $2)
        and ($3::uuid[] is null or m.id = any($3::uuid[]))
      order by m.seq`,
    [filter.helplineId, filter.conversationId ?? null, filter.ids ?? null],
  )
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    kind: row.kind,
    text:
      row.body_sealed && (row.hidden_reason === null || filter.revealHidden)
        ? keyring
            .contact(row.helpline_id, row.contact_id, row.key_sealed)
            .open(row.body_sealed, `message:${row.id}`)
        : '',
    status: row.status,
    author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    errorCode: row.error_code,
    flagged: row.flagged,
    hidden: row.hidden_reason ? { reason: row.hidden_reason } : null,
    media:
      row.media && row.media_status
        ? {
            status: row.media_status,
            mimeType: row.stored_type ?? row.media.mimeType ?? null,
            voice: row.media.voice === true,
            durationSeconds: row.media.durationSeconds ?? null,
            error: row.media_error,
          }
        : null,
    ...(row.call
      ? {
          call: {
            outcome: row.call.outcome,
            live: row.call.live,
            startedAt: new Date(row.call.started_at).toISOString(),
            ringSeconds: row.call.ring_seconds,
            talkSeconds: row.call.talk_seconds,
            answeredBy: row.call.answered_by
              ? { id: row.call.answered_by, displayName: row.call.answered_by_name ?? '' }
              : null,
            mediators: row.call.mediators.map(mediatorOnLine),
          },
        }
      : {}),
  }))
}

export async function loadMessageView(
  tx: Pick<Tx, 'query'>,
  keyring: Keyring,
  helplineId: string,
  id: string,
) {
  const [view] = await loadMessageViews(tx, keyring, { helplineId, ids: [id] })
  if (!view) throw new Error(`Message ${id} vanished inside its own transaction`)
  return view
}

/**
 * A person's message just stored by ingest, as loadMessageView would read it back in the same
 * transaction: nothing hidden, and no author, media or call yet (the provider's details and the
 * call's record are written after it). Built from what ingest holds: one read less per message.
 */
export function storedInboundView(message: {
  id: string
  conversationId: string
  kind: string
  text: string
  createdAt: Date
  flagged: boolean
}): MessageView {
  return {
    id: message.id,
    conversationId: message.conversationId,
    direction: 'inbound',
    kind: message.kind,
    text: message.text,
    status: 'received',
    author: null,
    createdAt: message.createdAt.toISOString(),
    errorCode: null,
    flagged: message.flagged,
    hidden: null,
    media: null,
  }
}

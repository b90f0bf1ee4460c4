// One step of a phone call (contract.ts, CallStep), recorded once however often the provider reports
// it and in whatever order, and the helpline's answer to it. The call stands in the caller's
// conversation as a message of kind 'call' through the one ingest path (contact, conversation,
// blocking, assignment; no written automatic reply: the caller hears the helpline's words), and its
// facts in `phone_call`, found by the hashed provider id: each step only adds what it knows, under
// the row's lock. In hours the phones ring round after round (ring-rounds.ts), then the voicemail;
// an operator who presses 1 gets the conversation in "Le mie" at once; a call that ended unanswered
// in hours asks for a call-back like a voicemail, withdrawn if a late report says it was answered
// or a voicemail was left. Every ended call writes its anonymous facts. Once a mediator is asked
// for, the call runs as a conference (call-mediator-requests.ts): the bridge's end then puts the
// caller into it, and the talk lasts until the call ends.
import type { CallAnswer, CallStep, ChannelConnection, InboundCall } from '@ascolto/channels'
import { type Pool, withTransaction } from '@ascolto/db'
import type { HelplineSettings } from '@ascolto/protocol'
import { announceCallbacks } from '../callbacks/announce-callbacks.ts'
import { VOICE_PROMPTS } from '../callbacks/voice-prompts.ts'
import { voicemailAnswer } from '../callbacks/voicemail-answer.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadConversationView } from '../conversations/conversation-views.ts'
import { localeOf } from '../helplines/auto-reply-text.ts'
import { loadHelplineSettings, openingRulesOf } from '../helplines/helpline-settings.ts'
import { ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { dueTime, isOpen } from '../policy/index.ts'
import { sealCallId } from './call-leg-seals.ts'
import { CALL_OUTCOME, recordCallFact } from './call-outcome.ts'
import { operatorPhoneHash } from './operator-phone.ts'
import { ringRounds } from './ring-rounds.ts'

type CallRow = {
  id: string
  message_id: string | null
  conversation_id: string | null
  started_at: Date
  unanswered_rounds: string[]
  answered_by: string | null
  ended_at: Date | null
  outcome: string
}

type Context = { tx: Tx; afterCommit: AfterCommit; services: Services }

export async function recordCallStep(
  { pool, services }: { pool: Pool; services: Services },
  connection: ChannelConnection,
  call: InboundCall,
  door: { fallbackPhone: string | null },
): Promise<CallAnswer> {
  const { helplineId } = connection
  const sidHash = services.keyring.hashAddress(helplineId, `call:${call.providerCallId}`)
  // the caller's steps carry their number: the call's place in their conversation (a retry finds it)
  const placed = call.from
    ? await withTransaction(pool, (tx, afterCommit) =>
        ingestInboundMessage({ tx, afterCommit, services }, connection, {
          // sealed under the person's key by ingest: erasure deletes the call's log at the provider
          providerMessageId: `call:${call.providerCallId}`,
          from: call.from ?? '',
          receivedAt: call.receivedAt,
          kind: 'call',
          text: '',
        }),
      )
    : null
  const message = placed && placed.outcome !== 'dropped' ? placed : null

  return withTransaction(pool, async (tx, afterCommit) => {
    const at = services.clock()
    const inserted = await tx.query<{ id: string }>(
      `insert into phone_call (helpline_id, channel_id, call_sid_hash, message_id, conversation_id, started_at)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (channel_id, call_sid_hash) do update
          set message_id = coalesce(phone_call.message_id, excluded.message_id),
              conversation_id = coalesce(phone_call.conversation_id, excluded.conversation_id),
              started_at = least(phone_call.started_at, excluded.started_at)
       returning id`,
      [helplineId, connection.id, sidHash, message?.messageId ?? null, message?.conversationId ?? null, at],
    )
    const callId = inserted.rows[0]?.id
    if (!callId) throw new Error('phone_call upsert returned nothing')
    const context = { tx, afterCommit, services }
    const settings = await loadHelplineSettings(tx, helplineId)
    const answer = await applyStep(
      context,
      { helplineId, channelId: connection.id, from: call.from, callId, settings, at, door },
      call.step,
    )
    const row = await loadCall(tx, callId)
    if (row.ended_at) {
      await recordCallFact(tx, callId)
      await askForCallback(context, helplineId, row, settings)
    }
    if (row.message_id) {
      const view = await loadMessageView(tx, services.keyring, helplineId, row.message_id)
      afterCommit(() => services.publisher.toConsoles(helplineId, 'message.updated', view))
    }
    return answer
  })
}

type Step = {
  helplineId: string
  channelId: string
  /** the caller, on their own steps */
  from: string | null
  callId: string
  settings: HelplineSettings
  at: Date
  door: { fallbackPhone: string | null }
}

async function applyStep(context: Context, step: Step, callStep: CallStep): Promise<CallAnswer> {
  const { tx } = context
  const { callId, at } = step
  switch (callStep.kind) {
    case 'ringing': {
      if (await callerBlocked(context, step)) {
        await tx.query('update phone_call set refused_at = coalesce(refused_at, $2) where id = $1', [
          callId,
          at,
        ])
        return { action: 'reject' }
      }
      return nextRound(context, step)
    }
    case 'dial-ended': {
      if (callStep.answered && (await movingToConference(tx, callId))) {
        await tx.query('update phone_call set answered_at = coalesce(answered_at, $2) where id = $1', [
          callId,
          at,
        ])
        return { action: 'conference', room: callId }
      }
      if (callStep.answered) {
        // the two were bridged when the talk began
        const bridged = new Date(at.getTime() - (callStep.talkSeconds ?? 0) * 1000)
        await tx.query(
          `update phone_call set answered_at = coalesce(answered_at, $2), talk_seconds = coalesce(talk_seconds, $3)
            where id = $1`,
          [callId, bridged, callStep.talkSeconds],
        )
        await withdrawCallback(context, step.helplineId, callId)
        return { action: 'hangup' }
      }
      await tx.query(
        `update phone_call set rang_until = greatest(rang_until, $2),
                unanswered_rounds = case when $3 = any(unanswered_rounds) or $4 then unanswered_rounds
                                         else array_append(unanswered_rounds, $3) end
          where id = $1`,
        [callId, at, callStep.dialId, callStep.canceled],
      )
      return callStep.canceled ? { action: 'hangup' } : nextRound(context, step)
    }
    case 'ended':
      await tx.query(
        `update phone_call set ended_at = coalesce(ended_at, $2), call_seconds = coalesce(call_seconds, $3),
                -- a conference's talk: from the answer to the end of the caller's call
                talk_seconds = case when conference_requested_at is null or answered_at is null then talk_seconds
                  else coalesce(talk_seconds, greatest(0, round(extract(epoch from
                    coalesce(started_at + make_interval(secs => $3), $2) - answered_at)))::int) end
          where id = $1`,
        [callId, at, callStep.seconds],
      )
      return { action: 'none' }
    case 'voicemail':
      await tx.query(
        `update phone_call p set voicemail_message_id = coalesce(p.voicemail_message_id, m.id)
           from message m
          where p.id = $1 and m.channel_id = p.channel_id and m.provider_message_id = $2`,
        // messages keep the provider's id as a keyed hash (messages/provider-ids.ts)
        [callId, context.services.keyring.hashProviderId(step.channelId, callStep.providerMessageId)],
      )
      await withdrawCallback(context, step.helplineId, callId)
      return { action: 'hangup' }
    case 'screening':
      return screen(context, step, callStep)
  }
}

/** The next round of phones, or (nobody left, or out of hours) the message and the voicemail. */
async function nextRound(context: Context, step: Step): Promise<CallAnswer> {
  const { tx, services } = context
  const { settings, at, callId } = step
  if (!isOpen(openingRulesOf(settings), at)) return voicemailAnswer(settings, at)
  const rounds = await ringRounds(tx, services, step.helplineId, at, {
    order: settings.calls?.ring ?? 'together',
    fallbackPhone: step.door.fallbackPhone,
  })
  const row = await loadCall(tx, callId)
  const round = rounds[row.unanswered_rounds.length]
  if (!round) return voicemailAnswer(settings, at)
  await tx.query('update phone_call set rounds_rung = greatest(rounds_rung, $2) where id = $1', [
    callId,
    row.unanswered_rounds.length + 1,
  ])
  const language = localeOf(settings)
  return {
    action: 'ring',
    phones: round,
    announcement: VOICE_PROMPTS[language].announce(settings.name),
    language,
  }
}

/** An operator's phone picked up: the announcement; once they press 1, the call and its conversation are theirs. */
async function screen(
  { tx, afterCommit, services }: Context,
  step: Step,
  screening: Extract<CallStep, { kind: 'screening' }>,
): Promise<CallAnswer> {
  const language = localeOf(step.settings)
  if (screening.accepted === undefined) {
    return {
      action: 'announce',
      announcement: VOICE_PROMPTS[language].announce(step.settings.name),
      language,
    }
  }
  if (!screening.accepted) return { action: 'hangup' }
  const { rows } = await tx.query<{ id: string }>(
    `select u.id from app_user u join membership m on m.user_id = u.id and m.helpline_id = $2
      where u.phone_hash = $1`,
    [operatorPhoneHash(services.keyring, screening.to), step.helplineId],
  )
  const operatorId = rows[0]?.id ?? null
  const row = await loadCall(tx, step.callId)
  // two phones pressing 1 at once: the first is put through
  if (row.answered_by && row.answered_by !== operatorId) return { action: 'hangup' }
  await tx.query(
    `update phone_call set answered_at = coalesce(answered_at, $2), answered_by = coalesce(answered_by, $3),
            operator_leg_sealed = coalesce(operator_leg_sealed, $4)
      where id = $1`,
    // the leg put through, kept to move it into a conference if a mediator is called in
    [
      step.callId,
      step.at,
      operatorId,
      sealCallId(services.keyring, step.helplineId, 'operator-leg', step.callId, screening.legId),
    ],
  )
  await withdrawCallback({ tx, afterCommit, services }, step.helplineId, step.callId)
  if (operatorId && row.conversation_id) {
    // the person is on the line with them: the conversation is theirs, whoever had it
    const moved = await tx.query(
      `update conversation set status = 'open', assignee_id = $2
        where id = $1 and status <> 'closed' and assignee_id is distinct from $2`,
      [row.conversation_id, operatorId],
    )
    if (moved.rowCount) {
      const view = await loadConversationView(tx, services.keyring, [step.helplineId], row.conversation_id)
      if (view)
        afterCommit(() => services.publisher.toConsoles(step.helplineId, 'conversation.updated', view))
    }
  }
  return { action: 'connect' }
}

/** A mediator was asked for and the call goes on: the bridge ended to move into the conference. */
async function movingToConference(tx: Tx, callId: string) {
  const { rowCount } = await tx.query(
    'select 1 from phone_call where id = $1 and conference_requested_at is not null and ended_at is null',
    [callId],
  )
  return rowCount === 1
}

async function callerBlocked({ tx, services }: Context, step: Step) {
  if (!step.from) return false
  const { rowCount } = await tx.query(
    `select 1 from contact_identity ci join contact c on c.id = ci.contact_id
      where ci.channel_id = $1 and ci.address_hash = $2
        and c.blocked_at is not null and (c.blocked_until is null or c.blocked_until > now())`,
    [step.channelId, services.keyring.hashAddress(step.helplineId, step.from)],
  )
  return rowCount === 1
}

async function loadCall(tx: Tx, callId: string): Promise<CallRow> {
  const { rows } = await tx.query<CallRow>(
    `select p.id, p.message_id, p.conversation_id, p.started_at, p.unanswered_rounds, p.answered_by, p.ended_at,
            ${CALL_OUTCOME} as outcome
       from phone_call p where p.id = $1`,
    [callId],
  )
  const row = rows[0]
  if (!row) throw new Error('phone_call vanished')
  return row
}

/** An unanswered call in hours asks for a call-back, like a voicemail (callbacks/open-callback-requests.ts). */
async function askForCallback(
  context: Context,
  helplineId: string,
  row: CallRow,
  settings: HelplineSettings,
) {
  if (row.outcome !== 'unanswered' && row.outcome !== 'abandoned') return
  const rules = openingRulesOf(settings)
  if (!row.message_id || !row.conversation_id || !isOpen(rules, row.started_at)) return
  const asked = await context.tx.query(
    `insert into callback_request (helpline_id, conversation_id, message_id, due_at)
     select c.helpline_id, c.id, $2, $3 from conversation c where c.id = $1 and c.status <> 'closed'
     on conflict (message_id) do nothing`,
    [row.conversation_id, row.message_id, dueTime(rules, row.ended_at ?? row.started_at)],
  )
  if (asked.rowCount) announceCallbacks(context, helplineId)
}

/** A late report says the call was answered, or a voicemail asks for its own call-back. */
async function withdrawCallback(context: Context, helplineId: string, callId: string) {
  const withdrawn = await context.tx.query(
    `delete from callback_request r using phone_call p
      where p.id = $1 and r.message_id = p.message_id and r.attempts = 0`,
    [callId],
  )
  if (withdrawn.rowCount) announceCallbacks(context, helplineId)
}

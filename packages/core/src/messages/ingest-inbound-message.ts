// The path every channel's inbound message takes: one transaction that finds or creates the
// contact and the conversation, stores the message once however often the provider retries,
// and applies the helpline's rules (blocking, flagging, triage, due time, automatic replies); replies
// held while the channel's reply window was closed are released. A number in reply to the
// survey's question answers it instead (survey/take-survey-reply.ts); a message soon after a close
// goes on in the conversation just closed (conversations/reopen-conversation.ts).
// The caller acknowledges the provider only after this has committed.
import { randomUUID } from 'node:crypto'
import type { ChannelConnection, InboundMessage } from '@ascolto/channels'
import { StaleChannelError } from '../channels/kept-channels.ts'
import { createContact, knownContact, type NewConversation } from '../contacts/create-contact.ts'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { applyArrivalRules } from '../conversations/apply-arrival-rules.ts'
import { conversationViewTogether } from '../conversations/conversation-views.ts'
import { detectedLanguage } from '../conversations/note-conversation-language.ts'
import { reopenRecentConversation } from '../conversations/reopen-conversation.ts'
import { helplineSettingsAt, openingRulesOf } from '../helplines/helpline-settings.ts'
import { dueTime, matchesWordList, queuedSince, triageMessage } from '../policy/index.ts'
import { takeSurveyConsent } from '../survey/take-survey-consent.ts'
import { recordSurveyReply, surveyReplyTarget } from '../survey/take-survey-reply.ts'
import { raiseImminentFlag } from '../triage/triage-inbound-message.ts'
import { inboundArrival } from './inbound-arrival.ts'
import { loadMessageView, storedInboundView } from './message-views.ts'
import { providerIdContext } from './provider-ids.ts'
import { storeInboundMessage } from './store-inbound-message.ts'

export type IngestResult = {
  /** stored; duplicate: the provider had sent it before, nothing written; dropped: the person is blocked */
  outcome: 'stored' | 'duplicate' | 'dropped'
  messageId: string
  conversationId: string | null
  createdAt: Date
}

export async function ingestInboundMessage(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  /** With the version of the channel read (a webhook's door): the message is taken only while it stands. */
  connection: ChannelConnection & { version?: string },
  inbound: InboundMessage,
  /** The language the person chose where the door lets them (the widget). */
  chosen: { language?: string } = {},
): Promise<IngestResult> {
  const { keyring, publisher } = services
  const helplineId = connection.helplineId
  const addressHash = keyring.hashAddress(helplineId, inbound.from)
  // the provider's id carries the person: matched by its keyed hash, kept only sealed
  const providerIdHash = keyring.hashProviderId(connection.id, inbound.providerMessageId)
  // one round trip, shared with the other people of this transaction (inbound-arrival.ts)
  const arrival = await inboundArrival(tx, {
    channelId: connection.id,
    helplineId,
    addressHash,
    providerIdHash,
  })
  // a channel changed (or disabled) since it was read: nothing is taken with what it was
  if (connection.version !== undefined && arrival.channel_version !== connection.version) {
    throw new StaleChannelError()
  }
  if (arrival.duplicate_id && arrival.duplicate_created_at) {
    return {
      outcome: 'duplicate',
      messageId: arrival.duplicate_id,
      conversationId: arrival.duplicate_conversation_id,
      createdAt: arrival.duplicate_created_at,
    }
  }
  // a retry or a replay of an erased person's message: it was received, and must not bring them back
  if (arrival.erased) {
    return { outcome: 'duplicate', messageId: randomUUID(), conversationId: null, createdAt: new Date() }
  }

  const settings = await helplineSettingsAt(tx, helplineId, arrival.settings_version)
  const at = services.clock()
  // kept messages of a blocked person go in a closed conversation, out of the queue
  const newConversation = (blocked: boolean): NewConversation =>
    blocked
      ? { status: 'closed', closedAt: new Date(), dueAt: null, queuedAt: null }
      : {
          status: 'waiting',
          closedAt: null,
          dueAt: dueTime(openingRulesOf(settings), at),
          queuedAt: queuedSince(openingRulesOf(settings), at),
        }
  // a blocked person's messages never reach the queue: dropped, or kept hidden as evidence
  const dropped = (blocked: boolean) => blocked && !settings.blocking.keepMessagesOfBlocked
  // a person writing for the first time is made with their first conversation (one statement)
  const erasedBlock = arrival.erased_blocked ? { until: arrival.erased_blocked_until } : null
  const contact = arrival.contact_id
    ? {
        ...knownContact(keyring, helplineId, {
          contactId: arrival.contact_id,
          keySealed: arrival.key_sealed,
          blocked: arrival.blocked === true,
        }),
        conversationId: null,
      }
    : await createContact(tx, keyring, {
        helplineId,
        channelId: connection.id,
        address: inbound.from,
        addressHash,
        erasedBlock,
        conversation: dropped(erasedBlock !== null) ? null : newConversation(erasedBlock !== null),
      })
  if (dropped(contact.blocked)) {
    return { outcome: 'dropped', messageId: randomUUID(), conversationId: null, createdAt: new Date() }
  }

  const open = arrival.open_id
    ? { id: arrival.open_id, auto_replies_sent: arrival.auto_replies_sent ?? [] }
    : undefined
  // a number in reply to the survey's question is its answer, kept in the conversation just closed
  const surveyReply =
    open || contact.created || contact.blocked || inbound.kind !== 'text'
      ? null
      : await surveyReplyTarget(tx, settings, {
          contactId: contact.contactId,
          channelId: connection.id,
          text: inbound.text,
          at,
        })
  const reopened =
    open || contact.created || contact.blocked || surveyReply
      ? undefined
      : await reopenRecentConversation(tx, settings, {
          contactId: contact.contactId,
          channelId: connection.id,
          at,
        })
  const conversationCreated = !open && !reopened && !contact.blocked && !surveyReply
  const conversationId =
    open?.id ??
    reopened?.id ??
    surveyReply?.conversationId ??
    contact.conversationId ??
    (await openConversation(
      tx,
      { helplineId, contactId: contact.contactId, channelId: connection.id },
      newConversation(contact.blocked),
    ))

  const messageId = randomUUID()
  const flagged = settings.moderation.autoFlag && matchesWordList(inbound.text, settings.moderation.words)
  const triaged = !contact.blocked && !surveyReply
  // the message, its triage and the conversation's language, with the person's arrival: one statement
  const triage = triaged ? triageMessage(inbound.text, settings.triage) : null
  const stored = await storeInboundMessage(tx, {
    id: messageId,
    conversationId,
    helplineId,
    channelId: connection.id,
    contactId: contact.contactId,
    kind: inbound.kind,
    bodySealed: contact.sealer.seal(inbound.text, `message:${messageId}`),
    providerIdHash,
    providerIdSealed: contact.sealer.seal(inbound.providerMessageId, providerIdContext(messageId)),
    flagged,
    hidden: contact.blocked,
    triage,
    // what the person wrote tells their language; a caption or a place's name need not
    language: triaged
      ? {
          chosen: chosen.language ?? null,
          detected: chosen.language || inbound.kind !== 'text' ? null : detectedLanguage(inbound.text),
        }
      : { chosen: null, detected: null },
  })
  const { createdAt, released, language } = stored
  const view = storedInboundView({
    id: messageId,
    conversationId,
    kind: inbound.kind,
    text: inbound.text,
    createdAt,
    flagged,
  })
  if (contact.blocked) return { outcome: 'stored', messageId, conversationId, createdAt }
  if (surveyReply) {
    await recordSurveyReply(tx, surveyReply)
    afterCommit(() => publisher.toConsoles(helplineId, 'message.created', view))
    return { outcome: 'stored', messageId, conversationId, createdAt }
  }

  // a yes to the volunteer's question about the survey (survey/ask-survey-consent.ts)
  if (open && inbound.kind === 'text') await takeSurveyConsent(tx, conversationId, inbound.text)

  // the conversation's level was set with the message (a word of the helpline's list counts there)
  if (triage) await raiseImminentFlag({ tx, afterCommit, services }, settings, conversationId, triage)
  const autoReplies = await applyArrivalRules(tx, settings, {
    sealer: contact.sealer,
    helplineId,
    channelId: connection.id,
    contactId: contact.contactId,
    conversationId,
    // a reopened conversation nobody was free to go on with is assigned like a new one
    conversationCreated: conversationCreated || (reopened !== undefined && reopened.offeredTo === null),
    firstMessageEver: contact.created,
    alreadySent: open?.auto_replies_sent ?? reopened?.auto_replies_sent ?? [],
    imminentRisk: triage?.level === 'imminent',
    language,
    at,
    silent: inbound.kind === 'call',
  })

  const conversation = await conversationViewTogether(tx, { keyring, helplineId, id: conversationId })
  const messages = [
    view,
    ...(await Promise.all(autoReplies.map((id) => loadMessageView(tx, keyring, helplineId, id)))),
  ]
  const releasedViews = await Promise.all(released.map((id) => loadMessageView(tx, keyring, helplineId, id)))
  afterCommit(() => {
    if (conversation) publisher.toConsoles(helplineId, 'conversation.updated', conversation)
    for (const message of messages) publisher.toConsoles(helplineId, 'message.created', message)
    for (const message of releasedViews) publisher.toConsoles(helplineId, 'message.updated', message)
    if (autoReplies.length > 0 || released.length > 0) publisher.outboxChanged()
  })
  return { outcome: 'stored', messageId, conversationId, createdAt }
}

/** A conversation opened for a person already known (their first one comes with them). */
async function openConversation(
  tx: Tx,
  owner: { helplineId: string; contactId: string; channelId: string },
  conversation: NewConversation,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into conversation (helpline_id, contact_id, channel_id, status, closed_at, due_at, queued_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      owner.helplineId,
      owner.contactId,
      owner.channelId,
      conversation.status,
      conversation.closedAt,
      conversation.dueAt,
      conversation.queuedAt,
    ],
  )
  const id = rows[0]?.id
  if (!id) throw new Error('Conversation insert returned nothing')
  return id
}

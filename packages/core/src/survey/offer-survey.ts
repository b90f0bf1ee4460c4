// After the helpline closes a conversation, where its door gets the survey: the widget is told
// to show the form (a push to the visitor's sockets; the person answers or skips there); a text
// channel is sent the first scale question as an ordinary outbound message only when the person
// said yes to it in this conversation (ask-survey-consent.ts), and the conversation remembers
// when, so a reply of just a number soon after is taken as the answer (take-survey-reply.ts).
import { channelAdapters, visitorRoom } from '@ascolto/channels'
import type { HelplineSettings } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { loadMessageView } from '../messages/message-views.ts'
import { queueOutboundMessage } from '../messages/queue-outbound-message.ts'
import { isReplyWindowOpen } from '../messages/reply-window.ts'
import { surveyFor, textQuestionMessage, textQuestionOf } from './survey-rules.ts'

export async function offerSurvey(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  settings: HelplineSettings,
  conversationId: string,
) {
  const { rows } = await tx.query<{
    helpline_id: string
    channel_id: string
    contact_id: string
    key_sealed: Buffer | null
    kind: string
    address_sealed: Buffer | null
    last_inbound_at: Date | null
    consented: boolean
  }>(
    `select c.helpline_id, c.channel_id, c.contact_id, k.key_sealed, ch.kind, ci.address_sealed, ci.last_inbound_at,
            c.survey_consented_at is not null as consented
       from conversation c
       join channel ch on ch.id = c.channel_id
       left join contact_identity ci on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
      where c.id = $1`,
    [conversationId],
  )
  const row = rows[0]
  const survey = row && surveyFor(settings, row.kind)
  if (!row || !survey || !row.address_sealed) return
  const { keyring, publisher } = services
  const sealer = keyring.contact(row.helpline_id, row.contact_id, row.key_sealed)
  if (row.kind === 'webchat') {
    const token = sealer.open(row.address_sealed, `address:${row.channel_id}`)
    afterCommit(() => publisher.toWidget(visitorRoom(token), 'survey', null))
    return
  }
  const question = textQuestionOf(survey)
  // nothing proactive: only a person who said yes to it in this conversation gets the question;
  // past WhatsApp's reply window it would be held behind the reopening template: not asked
  if (!question || !row.consented || !isReplyWindowOpen(channelAdapters[row.kind], row.last_inbound_at))
    return
  const messageId = await queueOutboundMessage(tx, {
    sealer,
    helplineId: row.helpline_id,
    conversationId,
    channelId: row.channel_id,
    authorId: null,
    kind: 'auto_reply',
    text: textQuestionMessage(settings, question),
  })
  await tx.query('update conversation set survey_asked_at = now() where id = $1', [conversationId])
  const view = await loadMessageView(tx, keyring, row.helpline_id, messageId)
  afterCommit(() => {
    publisher.toConsoles(row.helpline_id, 'message.created', view)
    publisher.outboxChanged()
  })
}

// A message from the widget: the helpline's policy must have been accepted when it asks for it,
// the message goes the way of every inbound message, and the answers given before the chat are
// kept with the conversation they opened (and shown to the volunteer as a note).

import { widgetProviderMessageId } from '@ascolto/channels'
import type { WidgetPrechatAnswers } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { type IngestResult, ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import { addSystemNote, systemWords } from './add-system-note.ts'
import { requiredPolicy, type WidgetChannel } from './describe-widget.ts'
import { noteVisitorBack } from './visitor-presence.ts'

export async function receiveWidgetMessage(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  { channel, settings }: WidgetChannel,
  message: {
    token: string
    clientId: string
    text: string
    prechat?: WidgetPrechatAnswers
    language?: string
  },
): Promise<IngestResult> {
  const policy = requiredPolicy(settings)
  const accepted = message.prechat?.policyVersion
  if (
    policy &&
    accepted !== policy.version &&
    !(await acceptedBefore(tx, services, { channel }, message.token, policy.version))
  ) {
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'The policy must be accepted before the first message')
  }
  const result = await ingestInboundMessage(
    { tx, afterCommit, services },
    channel,
    {
      providerMessageId: widgetProviderMessageId(message.token, message.clientId),
      from: message.token,
      receivedAt: new Date(),
      kind: 'text',
      text: message.text,
    },
    // a language the helpline does not offer is left to detection: the message still goes through
    { language: offeredLanguage(settings, message.language) },
  )
  if (result.outcome !== 'stored' || !result.conversationId) return result
  // writing is being there: away no more, and back in a conversation they had left
  await noteVisitorBack({ tx, afterCommit, services }, channel, message.token)

  const answers = validAnswers(settings, message.prechat?.answers ?? {})
  // Only the conversation's first answers count: later messages repeat them, nothing changes.
  const { rowCount } = await tx.query(
    `update conversation set prechat_answers = $2, policy_accepted_version = $3
      where id = $1 and prechat_answers is null`,
    [result.conversationId, JSON.stringify(answers), policy && accepted === policy.version ? accepted : null],
  )
  if (rowCount && answers.length > 0) {
    const words = systemWords(settings.languages)
    const lines = answers.map((answer) => `${answer.question}: ${answer.answer}`)
    const note = await addSystemNote(
      tx,
      services.keyring,
      { helplineId: channel.helplineId, channelId: channel.id, conversationId: result.conversationId },
      `${words.before}\n${lines.join('\n')}`,
    )
    afterCommit(() => services.publisher.toConsoles(channel.helplineId, 'message.created', note))
  }
  return result
}

/** The language if the helpline offers it, else undefined. */
export const offeredLanguage = (settings: WidgetChannel['settings'], language: string | undefined) =>
  language && settings.languages.includes(language) ? language : undefined

async function acceptedBefore(
  tx: Tx,
  services: Services,
  { channel }: Pick<WidgetChannel, 'channel'>,
  token: string,
  version: string,
) {
  const { rows } = await tx.query(
    `select 1 from contact_identity ci
       join conversation c on c.contact_id = ci.contact_id and c.channel_id = ci.channel_id
      where ci.channel_id = $1 and ci.address_hash = $2 and c.policy_accepted_version = $3 limit 1`,
    [channel.id, services.keyring.hashAddress(channel.helplineId, token), version],
  )
  return rows.length > 0
}

/** The answers to questions the helpline asks, with their labels in its main language; others dropped. */
function validAnswers(settings: WidgetChannel['settings'], given: Record<string, string>) {
  const language = settings.languages[0] ?? 'it'
  const label = (texts: Record<string, string>) => texts[language] ?? Object.values(texts)[0] ?? ''
  const answers: Array<{ id: string; option: string; question: string; answer: string }> = []
  for (const question of settings.widget?.questions ?? []) {
    const option = question.options.find((candidate) => candidate.id === given[question.id])
    if (option)
      answers.push({
        id: question.id,
        option: option.id,
        question: label(question.label),
        answer: label(option.label),
      })
  }
  return answers
}

import type { CloseBody, ConversationView, DeskSettings } from '@ascolto/protocol'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { announceEnded, endMediations } from '../mediation/end-mediation.ts'
import { offerSurvey } from '../survey/offer-survey.ts'
import { assignWaiting } from './assign-automatically.ts'
import { loadConversationViews } from './conversation-views.ts'
import { findConversationForActor, isSupervising } from './find-conversation.ts'
import { recordConversationFacts } from './record-conversation-facts.ts'
import { queueFlaggedForReview } from './request-review.ts'

/**
 * Closed by whoever handles it, or by a supervisor; the person's next message opens a new one.
 * The closing form's answers (the helpline's categories and outcome questions) go to the
 * conversation's anonymous facts, written now, so the statistics outlive retention. Where the
 * door gets the survey, the person is offered it (offer-survey.ts).
 */
export async function closeConversation(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  conversationId: string,
  form: CloseBody = {},
): Promise<ConversationView> {
  const record = await findConversationForActor(tx, actor, conversationId, { lock: true })
  if (record.status === 'closed') throw new AscoltoError('ASCOLTO_ERR_CONVERSATION_CLOSED', 'Already closed')
  if (record.assignee_id !== actor.userId && !isSupervising(actor, record.helpline_id)) {
    throw new AscoltoError('ASCOLTO_ERR_NOT_ASSIGNED', 'Only whoever handles the conversation can close it')
  }
  const settings = await loadHelplineSettings(tx, record.helpline_id)
  const { desk = {} } = settings
  const answers = checkClosingForm(desk, form)
  await tx.query(
    `update conversation set status = 'closed', closed_at = now(), help_requested_at = null,
            help_requested_by = null where id = $1`,
    [record.id],
  )
  await recordConversationFacts(tx, [record.id], answers)
  // the mediator's access ends with the conversation
  const mediationsEnded = await endMediations(tx, [record.id], 'closed', actor.userId)
  await offerSurvey({ tx, afterCommit, services }, settings, record.id)
  if (desk.reviewFlagged) await queueFlaggedForReview(tx, { id: record.id, helplineId: record.helpline_id })
  // whoever closed it may be free for the next one, where the helpline assigns automatically
  const assigned = await assignWaiting(tx, { desk }, record.helpline_id)
  const [view, ...others] = await loadConversationViews(tx, services.keyring, {
    helplineIds: [record.helpline_id],
    ids: [record.id],
  }).then(async (closed) => [
    ...closed,
    ...(assigned.length
      ? await loadConversationViews(tx, services.keyring, {
          helplineIds: [record.helpline_id],
          ids: assigned,
        })
      : []),
  ])
  if (!view) throw new Error('Conversation vanished while closing it')
  afterCommit(() => {
    for (const changed of [view, ...others]) {
      services.publisher.toConsoles(record.helpline_id, 'conversation.updated', changed)
    }
    announceEnded(services, mediationsEnded)
  })
  return view
}

/** Only the helpline's own categories and answers; every required question answered. */
export function checkClosingForm(desk: DeskSettings, form: CloseBody) {
  const categories = form.categories ?? []
  const outcome = form.outcome ?? {}
  const problems: string[] = []
  const known = new Set((desk.categories ?? []).map((category) => category.id))
  for (const id of categories) if (!known.has(id)) problems.push(`categories: unknown category ${id}`)
  const questions = new Map((desk.closingForm ?? []).map((question) => [question.id, question]))
  for (const [questionId, optionId] of Object.entries(outcome)) {
    const question = questions.get(questionId)
    if (!question) problems.push(`outcome: unknown question ${questionId}`)
    else if (!question.options.some((option) => option.id === optionId))
      problems.push(`outcome.${questionId}: unknown answer ${optionId}`)
  }
  for (const question of questions.values()) {
    if (question.required && !(question.id in outcome)) problems.push(`outcome.${question.id}: required`)
  }
  if (problems.length > 0) throw new ClosingFormError(problems)
  return { categories, outcome }
}

/** Each problem names its field (`outcome.<question>: required`): the console shows the operator where. */
export class ClosingFormError extends AscoltoError {
  readonly problems: string[]
  constructor(problems: string[]) {
    super('ASCOLTO_ERR_VALIDATION', problems.join('; '))
    this.problems = problems
  }
}

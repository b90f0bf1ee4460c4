// An emergency take-in's record for the project that receives the person: the procedure's steps
// with their latest values, who did each and when, labels in the helpline's language. Where the
// person is (a 'place' step) and their addresses go out only when revealed, through the reveal of
// one of the case's conversations (its permission, its two-person approval where the helpline asks
// for it, its audit). Only coordinators export; every export is audited, never with its content.
import type {
  CaseExport,
  CaseExportBody,
  EmergencyStep,
  EmergencyValue,
  LocalizedText,
} from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import { revealAddress } from '../contacts/reveal-address.ts'
import type { Actor, AfterCommit, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { loadCaseView } from './case-views.ts'
import { findCaseForActor } from './find-case.ts'

export async function exportEmergencyRecord(
  context: { tx: Tx; afterCommit: AfterCommit; services: Services },
  actor: Actor,
  caseId: string,
  body: CaseExportBody,
): Promise<CaseExport> {
  const { tx, services } = context
  const caseRecord = await findCaseForActor(tx, actor, caseId)
  requireRole(actor, caseRecord.helpline_id, 'coordinator')
  if (caseRecord.kind !== 'emergency')
    throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'Only an emergency take-in is exported')
  const now = services.clock()
  const view = await loadCaseView(tx, services.keyring, caseId, now)
  let addresses: CaseExport['addresses'] = []
  if (body.reveal) {
    if (!view.conversations.some((c) => c.conversationId === body.reveal?.conversationId))
      throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Conversation not found in this case')
    addresses = (await revealAddress(context, actor, body.reveal)).addresses
  }
  const settings = await loadHelplineSettings(tx, caseRecord.helpline_id)
  const language = settings.languages[0] ?? 'it'
  const label = (text: LocalizedText) => text[language] ?? Object.values(text)[0] ?? ''
  const shown = (step: EmergencyStep, value: EmergencyValue) =>
    Array.isArray(value)
      ? value.map((id) => {
          const option = step.options?.find((o) => o.id === id)
          return option ? label(option.label) : id
        })
      : value
  const steps = (view.emergency?.procedure ?? []).map((step) => {
    // records are newest first: the first of a step is its latest
    const latest = view.emergency?.records.find((r) => r.stepId === step.id)
    const withheld = step.field === 'place' && latest !== undefined && !body.reveal
    return {
      stepId: step.id,
      label: label(step.label),
      value: latest && !withheld ? shown(step, latest.value) : null,
      withheld,
      doneBy: latest?.doneBy?.displayName ?? null,
      doneAt: latest?.doneAt ?? null,
    }
  })
  await recordAuditEvent(tx, {
    helplineId: caseRecord.helpline_id,
    actorId: actor.userId,
    action: 'case.exported',
    subjectType: 'case',
    subjectId: caseId,
    details: { revealed: body.reveal !== undefined },
  })
  return {
    format: 'ascolto.emergency-take-in/1',
    exportedAt: now.toISOString(),
    helpline: settings.name,
    case: {
      id: view.id,
      title: view.title,
      status: view.status,
      outcome: view.outcome,
      openedAt: view.openedAt,
      closedAt: view.closedAt,
    },
    steps,
    addresses,
  }
}

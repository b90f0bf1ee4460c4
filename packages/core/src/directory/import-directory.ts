// A coordinator's CSV import replaces the whole directory at once, or changes nothing.
import type { FileProblem } from '@ascolto/protocol'
import { recordAuditEvent } from '../audit/record-audit-event.ts'
import type { Actor, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { parseDirectoryCsv } from './directory-csv.ts'
import { insertDirectoryService } from './save-directory-service.ts'

export class DirectoryImportError extends AscoltoError {
  readonly fileProblems: FileProblem[]
  constructor(problems: FileProblem[]) {
    super('ASCOLTO_ERR_VALIDATION', `The file has ${problems.length} problem(s); nothing was changed`)
    this.fileProblems = problems
  }
}

export async function importDirectory(
  tx: Tx,
  actor: Actor,
  input: { helplineId: string; csv: string },
): Promise<{ imported: number }> {
  requireRole(actor, input.helplineId, 'coordinator')
  const parsed = parseDirectoryCsv(input.csv)
  if (!parsed.ok) throw new DirectoryImportError(parsed.problems)
  await tx.query('delete from directory_service where helpline_id = $1', [input.helplineId])
  for (const body of parsed.services) await insertDirectoryService(tx, input.helplineId, body, actor.userId)
  await recordAuditEvent(tx, {
    helplineId: input.helplineId,
    actorId: actor.userId,
    action: 'directory.import',
    subjectType: 'helpline',
    subjectId: input.helplineId,
    details: { services: parsed.services.length },
  })
  return { imported: parsed.services.length }
}

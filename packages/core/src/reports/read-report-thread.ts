// What a receipt code opens: the report, the line's answers and what the reporter added since,
// as the web chat's visitor reads theirs (no notes, no staff names). Nothing is kept in the
// reporter's browser: every visit asks with the code again.
import type { Queryable } from '@ascolto/db'
import type { ReportThread } from '@ascolto/protocol'
import type { Keyring } from '../crypto/keyring.ts'
import { visitorTranscript } from '../messages/visitor-transcript.ts'
import type { FoundReport } from './find-report.ts'

export async function readReportThread(
  db: Queryable,
  keyring: Keyring,
  report: FoundReport,
): Promise<ReportThread> {
  const messages = await visitorTranscript(db, keyring, report.door, report.locator)
  return {
    messages: messages.map(({ id, direction, text, createdAt, fromLine }) => ({
      id,
      direction,
      text,
      createdAt,
      fromLine,
    })),
  }
}

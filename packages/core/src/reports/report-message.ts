// A report's first message holds its answers as JSON (the protocol's ReportMessageBody): written
// here, and read back where a line of text stands for a message (the queue's preview).
import type { ReportAnswer, ReportMessageBody } from '@ascolto/protocol'

export const REPORT_MESSAGE_KIND = 'report'

export const reportMessageText = (answers: ReportAnswer[]) =>
  JSON.stringify({ report: answers } satisfies ReportMessageBody)

/** What a message says in one line: for a report, its first answer. */
export function previewText(kind: string | null, text: string) {
  if (kind !== REPORT_MESSAGE_KIND) return text
  try {
    return (JSON.parse(text) as ReportMessageBody).report[0]?.value ?? ''
  } catch {
    return text
  }
}

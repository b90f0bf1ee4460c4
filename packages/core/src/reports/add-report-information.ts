// The reporter, back with their receipt code, adds to their report: a message on the report door
// by the inbound path every door takes, stored once however often the page retries it (its
// clientId), in the open conversation or, once the line closed it, in a new one in the queue.
import type { ReportAddBody } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import type { FoundReport } from './find-report.ts'
import { reportProviderId } from './submit-report.ts'

export async function addReportInformation(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  report: FoundReport,
  body: Pick<ReportAddBody, 'clientId' | 'text'>,
) {
  return ingestInboundMessage(
    { tx, afterCommit, services },
    { id: report.door.id, helplineId: report.door.helplineId, config: {} },
    {
      providerMessageId: reportProviderId(report.locator, body.clientId),
      from: report.locator,
      receivedAt: services.clock(),
      kind: 'text',
      text: body.text,
    },
  )
}

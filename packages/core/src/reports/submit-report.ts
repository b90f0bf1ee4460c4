// A report sent from the form: a new person on the helpline's report door, whose first message
// (kind 'report') holds the answers, sealed under that person's own key like anything a person
// writes. It takes the inbound path every door takes (due time, word lists, triage, automatic
// replies: ingest-inbound-message.ts), so it lands in the queue like a message. The receipt code
// is returned once and kept only as an argon2id hash; the anonymous facts (the day, the options
// chosen) go to report_fact for the statistics.
import type { ReportReceipt, ReportSubmitBody } from '@ascolto/protocol'
import type { AfterCommit, Services, Tx } from '../context.ts'
import { ingestInboundMessage } from '../messages/ingest-inbound-message.ts'
import { hashPassword } from '../operators/passwords.ts'
import type { WidgetChannel } from '../widget/describe-widget.ts'
import { newReceiptCode } from './receipt-code.ts'
import { reportDoor } from './report-door.ts'
import { readReportAnswers, reportFormOf } from './report-form.ts'
import { REPORT_MESSAGE_KIND, reportMessageText } from './report-message.ts'

/** The reporter's first message's provider id: the locator, then what the page called it. */
export const reportProviderId = (locator: string, clientId: string) => `${locator}:${clientId}`

export async function submitReport(
  { tx, afterCommit, services }: { tx: Tx; afterCommit: AfterCommit; services: Services },
  { channel, settings }: WidgetChannel,
  body: Omit<ReportSubmitBody, 'altcha'>,
): Promise<ReportReceipt> {
  const form = reportFormOf(settings)
  const { answers, choices } = readReportAnswers(settings, form, body)
  const doorId = await reportDoor(tx, channel.helplineId)
  // the locator is public and unique; a clash (rare) draws again
  let receipt = newReceiptCode()
  while ((await tx.query('select 1 from report_receipt where locator = $1', [receipt.locator])).rowCount) {
    receipt = newReceiptCode()
  }
  const codeHash = await hashPassword(receipt.code)
  const result = await ingestInboundMessage(
    { tx, afterCommit, services },
    { id: doorId, helplineId: channel.helplineId, config: {} },
    {
      providerMessageId: reportProviderId(receipt.locator, 'report'),
      from: receipt.locator,
      receivedAt: services.clock(),
      kind: REPORT_MESSAGE_KIND,
      text: reportMessageText(answers),
    },
  )
  await tx.query(
    `insert into report_receipt (contact_id, helpline_id, locator, code_hash)
     select contact_id, helpline_id, $2, $3 from conversation where id = $1`,
    [result.conversationId, receipt.locator, codeHash],
  )
  await tx.query(
    `insert into report_fact (helpline_id, received_on, choices)
     values ($1, ($2::timestamptz at time zone $3)::date, $4)`,
    [channel.helplineId, services.clock(), settings.timeZone, JSON.stringify(choices)],
  )
  return { code: receipt.code }
}

// A receipt code opens its report, on the helpline whose form sent it; any other code (unknown,
// wrong, malformed, another helpline's) gets the same answer after the same argon2id work, so
// neither the reply nor its time tells a guess that found a locator from one that did not.
import type { Queryable } from '@ascolto/db'
import { AscoltoError } from '../errors.ts'
import { verifyPassword } from '../operators/passwords.ts'
import { readReceiptCode } from './receipt-code.ts'
import { REPORT_KIND } from './report-door.ts'

/** The reporter, their address on the report door (the locator), and the door. */
export type FoundReport = { contactId: string; locator: string; door: { id: string; helplineId: string } }

export const unknownReceipt = () =>
  new AscoltoError('ASCOLTO_ERR_RECEIPT_UNKNOWN', 'No report has this receipt code: check it and try again')

export async function findReport(db: Queryable, helplineId: string, typed: string): Promise<FoundReport> {
  const read = readReceiptCode(typed)
  const { rows } = read
    ? await db.query<{ contact_id: string; code_hash: string; door_id: string }>(
        `select r.contact_id, r.code_hash, ch.id as door_id
           from report_receipt r join channel ch on ch.helpline_id = r.helpline_id and ch.kind = $3
          where r.locator = $1 and r.helpline_id = $2`,
        [read.locator, helplineId, REPORT_KIND],
      )
    : { rows: [] }
  const row = rows[0]
  const ok = await verifyPassword(row?.code_hash, read?.code ?? typed)
  if (!ok || !row || !read) throw unknownReceipt()
  return { contactId: row.contact_id, locator: read.locator, door: { id: row.door_id, helplineId } }
}

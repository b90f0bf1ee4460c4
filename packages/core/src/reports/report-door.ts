// The helpline's "Segnalazione" door: a channel of kind 'report', made the first time a report
// arrives. Its adapter (@ascolto/channels report/) keeps the line's answers for the receipt code.

import { ownDoor } from '../channels/own-door.ts'
import type { Tx } from '../context.ts'

export const REPORT_KIND = 'report'

export const reportDoor = (tx: Tx, helplineId: string) => ownDoor(tx, helplineId, REPORT_KIND, 'Segnalazione')

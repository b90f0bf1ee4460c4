// Where a referral goes, checked and named: another helpline of this installation (never the
// sender's own), an entry of the sender's own directory (its name and how to reach it copied, so
// the sheet stays what was sent), a partner written by hand, or a partner installation.

import type { Queryable } from '@ascolto/db'
import type { ReferralTarget } from '@ascolto/protocol'
import { AscoltoError } from '../errors.ts'
import type { ReferralTargetKind } from './referral-rules.ts'

export type ResolvedTarget = {
  kind: ReferralTargetKind
  name: string
  toHelplineId: string | null
  directoryServiceId: string | null
  partnerName: string | null
  partnerReach: string | null
  toPartnerId: string | null
}

const none = {
  toHelplineId: null,
  directoryServiceId: null,
  partnerName: null,
  partnerReach: null,
  toPartnerId: null,
}

export async function resolveReferralTarget(
  db: Queryable,
  fromHelplineId: string,
  target: ReferralTarget,
): Promise<ResolvedTarget> {
  switch (target.kind) {
    case 'helpline': {
      if (target.helplineId === fromHelplineId) {
        throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A referral goes to another helpline')
      }
      const { rows } = await db.query<{ name: string }>('select name from helpline where id = $1', [
        target.helplineId,
      ])
      if (!rows[0]) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Helpline not found')
      return { ...none, kind: 'helpline', name: rows[0].name, toHelplineId: target.helplineId }
    }
    case 'directory': {
      const { rows } = await db.query<{ name: string; reach: string }>(
        `select organisation || ' — ' || service as name, reach from directory_service
          where id = $1 and helpline_id = $2`,
        [target.directoryServiceId, fromHelplineId],
      )
      const entry = rows[0]
      if (!entry) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Service not found')
      return {
        ...none,
        kind: 'partner',
        name: entry.name,
        directoryServiceId: target.directoryServiceId,
        partnerName: entry.name,
        partnerReach: entry.reach,
      }
    }
    case 'partner': {
      const name = target.name.trim()
      if (!name) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'A partner needs a name')
      return { ...none, kind: 'partner', name, partnerName: name, partnerReach: target.reach?.trim() || null }
    }
    case 'installation': {
      // one of the sender's own partners, enabled: the wall holds for the partners list too
      const { rows } = await db.query<{ name: string; enabled: boolean }>(
        'select name, enabled from partner where id = $1 and helpline_id = $2',
        [target.partnerId, fromHelplineId],
      )
      const partner = rows[0]
      if (!partner) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Partner not found')
      if (!partner.enabled) throw new AscoltoError('ASCOLTO_ERR_PARTNER_DISABLED', 'This partner is disabled')
      return { ...none, kind: 'installation', name: partner.name, toPartnerId: target.partnerId }
    }
  }
}

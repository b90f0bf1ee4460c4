// A helpline's address for partner installations: the one its coordinators give them, under
// which they post referrals and states (routes/partners/index.ts).
import type { Config } from '@ascolto/config'

export const PARTNER_DOOR = '/api/partners/v1/helplines/:helplineId'

export const partnerDoorOf = (config: Config, helplineId: string) =>
  `${config.publicUrl.replace(/\/+$/, '')}/api/partners/v1/helplines/${helplineId}`

// What-if: the rules of a settings file a coordinator has not saved yet (the console's form as it
// stands), at a moment, exactly as previewRules shows the saved ones. Nothing is stored and
// nothing audited, since nothing changes; the draft is checked whole first, as saving would, so
// a draft that could not be saved is refused with every problem named.
import type { RulesPreview } from '@ascolto/protocol'
import type { Actor } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { requireRole } from '../operators/require-role.ts'
import { checkSettings } from './helpline-settings.ts'
import { instantInZone, previewRules } from './preview-rules.ts'

export function previewDraftRules(
  actor: Actor,
  helplineId: string,
  input: { settings: unknown; at?: string; firstMessageEver?: boolean },
  now: Date,
): RulesPreview {
  requireRole(actor, helplineId, 'coordinator')
  const settings = checkSettings(input.settings)
  const at = input.at ? instantInZone(input.at, settings.timeZone) : now
  if (!at) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'at: not a date and time, e.g. 2026-12-24T20:30')
  return previewRules(settings, at, { firstMessageEver: input.firstMessageEver ?? true })
}

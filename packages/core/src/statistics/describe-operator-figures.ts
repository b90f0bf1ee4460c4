// The figures per operator, for coordinators only and only where the helpline turned them on: how
// many of the period's closed conversations each had at close, and the median first reply and
// duration. Listed by name, never by count: they help plan the rota and support people, they are
// no ranking. Counts go through the small-cell rule like every other table.
import { MINIMUM_CELL, type OperatorFigures, type StatisticsQuery } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { resolvePeriod } from './resolve-period.ts'
import { suppressSmallCells } from './suppress-small-cells.ts'

export async function describeOperatorFigures(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: StatisticsQuery,
): Promise<OperatorFigures> {
  requireRole(actor, helplineId, 'coordinator')
  const settings = await loadHelplineSettings(tx, helplineId)
  if (!settings.statistics?.perOperator) {
    throw new AscoltoError('ASCOLTO_ERR_FORBIDDEN', 'The figures per operator are off for this helpline')
  }
  const { from, to } = resolvePeriod(services, settings, query)
  const { rows } = await tx.query<{
    name: string
    handled: number
    firstReplyMedian: number | null
    durationMedian: number | null
  }>(
    `select u.display_name as name, count(*)::int as handled,
            round(percentile_cont(0.5) within group (order by f.first_response_seconds))::int as "firstReplyMedian",
            round(percentile_cont(0.5) within group (order by f.duration_seconds))::int as "durationMedian"
       from conversation_fact f join app_user u on u.id = f.handled_by
      where f.helpline_id = $1 and f.closed_on between $2::date and $3::date
      group by u.id, u.display_name
      order by u.display_name collate "C", u.id`,
    [helplineId, from, to],
  )
  const minimumCell = settings.statistics?.minimumCell ?? MINIMUM_CELL
  const handled = suppressSmallCells({ cells: [rows.map((row) => row.handled)] }, minimumCell).cells[0] ?? []
  return {
    helplineId,
    from,
    to,
    minimumCell,
    language: settings.languages[0] ?? 'it',
    operators: rows.map((row, i) => ({ ...row, handled: handled[i] ?? 'hidden' })),
  }
}

// Coverage: the opening hours laid over the shifts, and every stretch where the rota falls short,
// named. Pure: the console draws it, the digest mails it, a table of cases tests it.
import type { Occurrence, ShiftRole } from './occurrences.ts'

export type StaffedOccurrence = Occurrence & {
  needs: Partial<Record<ShiftRole, number>>
  /** Operators on it by role, confirmed or not (an unconfirmed one shows in its own list). */
  staffed: Partial<Record<ShiftRole, number>>
}

export type Gap =
  /** Open, and no shift at all. */
  | { kind: 'unstaffed'; start: Date; end: Date }
  /** Shifts ask for more operators of a role than are on them. */
  | { kind: 'missing'; start: Date; end: Date; role: ShiftRole; missing: number }
  /** Open with operators on shift, but no supervisor among them. */
  | { kind: 'no_supervision'; start: Date; end: Date }

type Interval = { start: Date; end: Date }

const sum = (occurrences: readonly StaffedOccurrence[], of: 'needs' | 'staffed', role: ShiftRole) =>
  occurrences.reduce((total, o) => total + (o[of][role] ?? 0), 0)

function gapsOf(at: Interval, on: readonly StaffedOccurrence[]): Gap[] {
  if (on.length === 0) return [{ kind: 'unstaffed', ...at }]
  const gaps: Gap[] = []
  const supervisors = sum(on, 'staffed', 'supervisor')
  for (const role of ['volunteer', 'supervisor', 'mediator'] as const) {
    const missing = sum(on, 'needs', role) - sum(on, 'staffed', role)
    // no supervisor at all is said once, as such; one short of two is a missing supervisor
    if (missing > 0 && !(role === 'supervisor' && supervisors === 0))
      gaps.push({ kind: 'missing', ...at, role, missing })
  }
  if (supervisors === 0) gaps.push({ kind: 'no_supervision', ...at })
  return gaps
}

const sameGap = (a: Gap, b: Gap) =>
  a.kind === b.kind &&
  a.end.getTime() === b.start.getTime() &&
  (a.kind !== 'missing' || (b.kind === 'missing' && a.role === b.role && a.missing === b.missing))

/**
 * The gaps within the opening intervals, by start then kind; stretches of the same gap that
 * touch are one (19:00–20:00 and 20:00–21:00 short of one volunteer: 19:00–21:00).
 */
export function findGaps(open: readonly Interval[], occurrences: readonly StaffedOccurrence[]): Gap[] {
  const edges = [...open, ...occurrences].flatMap((i) => [i.start.getTime(), i.end.getTime()])
  const cuts = [...new Set(edges)].sort((a, b) => a - b)
  const gaps: Gap[] = []
  for (const [i, from] of cuts.slice(0, -1).entries()) {
    const at = { start: new Date(from), end: new Date(cuts[i + 1] as number) }
    if (!open.some((o) => o.start <= at.start && at.end <= o.end)) continue
    const on = occurrences.filter((o) => o.start <= at.start && at.end <= o.end)
    for (const gap of gapsOf(at, on)) {
      const previous = gaps.findLast((g) => sameGap(g, gap))
      if (previous) previous.end = gap.end
      else gaps.push(gap)
    }
  }
  return gaps.sort((a, b) => a.start.getTime() - b.start.getTime() || a.kind.localeCompare(b.kind))
}

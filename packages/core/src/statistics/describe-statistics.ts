// The statistics for a supervisor, over a period (the helpline's own days conversations closed
// on): per door how many closed, the first response and the duration; per category; per answer of
// the closing form; the survey's answers; the calls; the cases opened and closed; the reports from
// the form. Labels come from the settings as they are now; an id no longer there is still counted,
// with no label. Read from the anonymous facts only (conversation_fact, call_fact, case_fact,
// report_fact), so the figures outlive retention and erasure and never name a person; every count
// then goes through the small-cell rule (suppress-statistics.ts) before anyone reads it.
import { type LocalizedText, MINIMUM_CELL, type Statistics, type StatisticsQuery } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { countReports } from '../reports/count-reports.ts'
import { countSurveyAnswers } from '../survey/count-survey-answers.ts'
import { countCalls } from './count-calls.ts'
import { countCases } from './count-cases.ts'
import { countClosedConversations } from './count-closed-conversations.ts'
import { countReferrals } from './count-referrals.ts'
import { resolvePeriod } from './resolve-period.ts'
import { suppressStatistics } from './suppress-statistics.ts'

export async function describeStatistics(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: StatisticsQuery,
): Promise<Statistics> {
  requireRole(actor, helplineId, 'supervisor')
  const settings = await loadHelplineSettings(tx, helplineId)
  const { from, to } = resolvePeriod(services, settings, query)
  const period = { helplineId, from, to }
  const minimumCell = settings.statistics?.minimumCell ?? MINIMUM_CELL
  // each read on its own connection where tx is a pool (the route's), one after the other in a transaction
  const [counted, calls, cases, referrals, surveyCounts, reports] = await Promise.all([
    countClosedConversations(tx, period),
    countCalls(tx, period),
    countCases(tx, period),
    countReferrals(tx, period),
    countSurveyAnswers(tx, period),
    countReports(tx, settings, period),
  ])
  const answersOf = (questionId: string) =>
    new Map(counted.answers.filter((a) => a.questionId === questionId).map((a) => [a.answerId, a.count]))
  const questionIds = new Set(counted.answers.map((a) => a.questionId))
  const questions = [
    ...(settings.desk?.closingForm ?? []),
    ...[...questionIds]
      .filter((id) => !settings.desk?.closingForm?.some((q) => q.id === id))
      .sort()
      .map((id) => ({ id, label: null, options: [] })),
  ]
  return suppressStatistics(
    {
      helplineId,
      from,
      to,
      minimumCell,
      language: settings.languages[0] ?? 'it',
      channels: counted.channels,
      total: counted.total,
      calls,
      cases,
      referrals,
      categories: labelled(
        settings.desk?.categories ?? [],
        new Map(counted.categories.flatMap(({ id, count }) => (id === null ? [] : [[id, count]]))),
      ),
      withoutCategory: counted.categories.find((c) => c.id === null)?.count ?? 0,
      closingForm: questions.map(({ id, label, options }) => {
        const answers = labelled(options, answersOf(id))
        const given = answers.reduce((sum, answer) => sum + answer.count, 0)
        return { id, label, answers, unanswered: counted.total.closed - given }
      }),
      survey: {
        questions: (settings.survey?.questions ?? []).map(({ id, kind, text }) => ({ id, kind, text })),
        counts: surveyCounts,
      },
      reports,
    },
    minimumCell,
  )
}

/** The settings' items in their order (0 where none), then the ids counted that they no longer have. */
function labelled(
  items: readonly { id: string; label: LocalizedText }[],
  counts: ReadonlyMap<string, number>,
) {
  const known = new Set(items.map((item) => item.id))
  return [
    ...items.map(({ id, label }) => ({ id, label, count: counts.get(id) ?? 0 })),
    ...[...counts]
      .filter(([id]) => !known.has(id))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, count]) => ({ id, label: null, count })),
  ]
}

// The statistics for a supervisor, over a period (the helpline's own days conversations closed
// on): per door how many closed, the first response and the duration; per category; per answer of
// the closing form; the survey's answers; the calls; the cases opened and closed; the reports from
// the form. Labels come from the settings as they are now; an id no longer there is still counted,
// with no label. Read from the anonymous facts only (conversation_fact, call_fact, case_fact,
// report_fact), so the figures outlive retention and erasure and never name a person.
import type { LocalizedText, Statistics, StatisticsQuery } from '@ascolto/protocol'
import type { Actor, Services, Tx } from '../context.ts'
import { AscoltoError } from '../errors.ts'
import { loadHelplineSettings } from '../helplines/helpline-settings.ts'
import { requireRole } from '../operators/require-role.ts'
import { addDays, localDateOf } from '../policy/local-days.ts'
import { countReports } from '../reports/count-reports.ts'
import { countSurveyAnswers } from '../survey/count-survey-answers.ts'
import { countCalls } from './count-calls.ts'
import { countCases } from './count-cases.ts'
import { countClosedConversations } from './count-closed-conversations.ts'
import { countReferrals } from './count-referrals.ts'

export async function describeStatistics(
  { tx, services }: { tx: Pick<Tx, 'query'>; services: Pick<Services, 'clock'> },
  actor: Actor,
  helplineId: string,
  query: StatisticsQuery,
): Promise<Statistics> {
  requireRole(actor, helplineId, 'supervisor')
  const settings = await loadHelplineSettings(tx, helplineId)
  const to = query.to ?? localDateOf(services.clock(), settings.timeZone)
  const from = query.from ?? addDays(to, -29)
  for (const [name, day] of Object.entries({ from, to })) {
    if (!isCalendarDay(day)) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', `${name}: ${day} is not a day`)
  }
  if (from > to) throw new AscoltoError('ASCOLTO_ERR_VALIDATION', 'from: must not be after to')
  const period = { helplineId, from, to }
  const counted = await countClosedConversations(tx, period)
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
  return {
    helplineId,
    from,
    to,
    language: settings.languages[0] ?? 'it',
    channels: counted.channels,
    total: counted.total,
    calls: await countCalls(tx, period),
    cases: await countCases(tx, period),
    referrals: await countReferrals(tx, period),
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
      counts: await countSurveyAnswers(tx, period),
    },
    reports: await countReports(tx, settings, period),
  }
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

/** '2026-02-30' has the shape of a day but is none. */
const isCalendarDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}

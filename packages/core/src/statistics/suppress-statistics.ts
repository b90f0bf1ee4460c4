// The statistics as a person may read them: every table's counts through the small-cell rule
// (suppress-small-cells.ts), with the totals each table shows or implies as its margins. Where a
// table's figures do not add up exactly (a conversation may have two categories; a report may skip a
// question) the total is still taken as the margin: withholding more is the safe side. Medians and
// averages stay: a time is not a person, and a small group's count is what singles one out.
import type { Cell, Statistics } from '@ascolto/protocol'
import { suppressSmallCells } from './suppress-small-cells.ts'

/** A count as counted (before suppression every cell is a number). */
const n = (cell: Cell) => (typeof cell === 'number' ? cell : 0)

export function suppressStatistics(stats: Statistics, floor: number): Statistics {
  const closed = n(stats.total.closed)

  // doors: closed, answered the survey, ended before an answer; the last row is all doors
  const DOOR_COUNTS = ['closed', 'answered', 'abandoned'] as const
  const doors = suppressSmallCells(
    {
      cells: stats.channels.map((door) => DOOR_COUNTS.map((key) => n(door[key]))),
      columnTotals: DOOR_COUNTS.map((key) => n(stats.total[key])),
    },
    floor,
  )
  const [totalClosed, totalAnswered, totalAbandoned] = doors.columnTotals as Cell[]

  const categories = suppressSmallCells(
    { cells: [[...stats.categories.map((c) => n(c.count)), n(stats.withoutCategory)]], rowTotals: [closed] },
    floor,
  ).cells[0] as Cell[]

  // calls: doors × how they ended, each door's calls and every door's together as the totals
  const ENDINGS = ['answered', 'unanswered', 'voicemail', 'refused', 'abandoned'] as const
  const callDoors = stats.calls.slice(0, -1)
  const callTotal = stats.calls.at(-1)
  const calls = callTotal
    ? suppressSmallCells(
        {
          cells: callDoors.map((door) => ENDINGS.map((key) => n(door[key]))),
          rowTotals: callDoors.map((door) => n(door.calls)),
          columnTotals: ENDINGS.map((key) => n(callTotal[key])),
          total: n(callTotal.calls),
        },
        floor,
      )
    : undefined
  const callRow = (row: Cell[], calls: Cell) => ({
    calls,
    ...Object.fromEntries(ENDINGS.map((key, i) => [key, row[i] as Cell])),
  })

  // cases: how many opened; how many closed, and how those ended
  const opened = suppressSmallCells({ cells: stats.cases.map((kind) => [n(kind.opened)]) }, floor).cells
  const ended = suppressSmallCells(
    {
      cells: stats.cases.map((kind) => kind.outcomes.map((o) => n(o.count))),
      rowTotals: stats.cases.map((kind) => n(kind.closed)),
    },
    floor,
  )

  // the survey: per question, doors × answers, each door's "answered the survey" as the margin
  const surveyCells = new Map<string, Cell>()
  const keyOf = (channelId: string | null, questionId: string, answer: string) =>
    `${channelId}\u0000${questionId}\u0000${answer}`
  for (const question of new Set(stats.survey.counts.map((c) => c.questionId))) {
    const rows = stats.channels.map((door) => {
      const given = stats.survey.counts.filter(
        (c) => c.questionId === question && c.channelId === door.channelId,
      )
      return { door, given }
    })
    const out = suppressSmallCells(
      {
        cells: rows.map(({ given }) => given.map((c) => n(c.count))),
        rowTotals: rows.map(({ door }) => n(door.answered)),
      },
      floor,
    )
    rows.forEach(({ given }, r) => {
      given.forEach((c, i) => {
        surveyCells.set(keyOf(c.channelId, c.questionId, c.answer), out.cells[r]?.[i] as Cell)
      })
    })
  }

  // referrals: per partner and direction, where they stand, each row's total as its margin
  const referrals = suppressSmallCells(
    {
      cells: stats.referrals.map((row) => row.states.map((s) => n(s.count))),
      rowTotals: stats.referrals.map((row) => n(row.total)),
    },
    floor,
  )

  const reportTotal = n(stats.reports.total)
  const reportAnswers = stats.reports.questions.map(
    (question) =>
      suppressSmallCells(
        { cells: [question.answers.map((a) => n(a.count))], rowTotals: [reportTotal] },
        floor,
      ).cells[0] as Cell[],
  )

  return {
    ...stats,
    minimumCell: floor,
    channels: stats.channels.map((door, i) => {
      const [closedCell, answered, abandoned] = doors.cells[i] as Cell[]
      return { ...door, closed: closedCell as Cell, answered: answered as Cell, abandoned: abandoned as Cell }
    }),
    total: {
      ...stats.total,
      closed: totalClosed as Cell,
      answered: totalAnswered as Cell,
      abandoned: totalAbandoned as Cell,
    },
    categories: stats.categories.map((category, i) => ({ ...category, count: categories[i] as Cell })),
    withoutCategory: categories.at(-1) as Cell,
    closingForm: stats.closingForm.map((question) => {
      const row = suppressSmallCells(
        {
          cells: [[...question.answers.map((a) => n(a.count)), n(question.unanswered)]],
          rowTotals: [closed],
        },
        floor,
      ).cells[0] as Cell[]
      return {
        ...question,
        answers: question.answers.map((answer, i) => ({ ...answer, count: row[i] as Cell })),
        unanswered: row.at(-1) as Cell,
      }
    }),
    calls: calls
      ? [
          ...callDoors.map((door, i) => ({
            ...door,
            ...callRow(calls.cells[i] as Cell[], calls.rowTotals?.[i] as Cell),
          })),
          {
            ...(callTotal as (typeof stats.calls)[number]),
            ...callRow(calls.columnTotals as Cell[], calls.total as Cell),
          },
        ]
      : [],
    referrals: stats.referrals.map((row, i) => ({
      ...row,
      total: referrals.rowTotals?.[i] as Cell,
      states: row.states.map((s, j) => ({ ...s, count: referrals.cells[i]?.[j] as Cell })),
    })),
    cases: stats.cases.map((kind, i) => ({
      ...kind,
      opened: opened[i]?.[0] as Cell,
      closed: ended.rowTotals?.[i] as Cell,
      outcomes: kind.outcomes.map((o, j) => ({ ...o, count: ended.cells[i]?.[j] as Cell })),
    })),
    survey: {
      ...stats.survey,
      counts: stats.survey.counts.map((c) => ({
        ...c,
        count:
          surveyCells.get(keyOf(c.channelId, c.questionId, c.answer)) ??
          suppressSmallCells({ cells: [[n(c.count)]] }, floor).cells[0]?.[0] ??
          'hidden',
      })),
    },
    reports: {
      total: suppressSmallCells({ cells: [[reportTotal]] }, floor).cells[0]?.[0] as Cell,
      questions: stats.reports.questions.map((question, q) => ({
        ...question,
        answers: question.answers.map((answer, i) => ({ ...answer, count: reportAnswers[q]?.[i] as Cell })),
      })),
    },
  }
}

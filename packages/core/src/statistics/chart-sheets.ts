// The statistics screen's tables as rows of text for a spreadsheet, in the helpline's main language:
// the same suppressed cells as on the screen ('<5', and '*' for a cell withheld beside it).
import type { Cell, ChartBar, Charts, StatisticsTable } from '@ascolto/protocol'
import { WAIT_BUCKETS } from '@ascolto/protocol'
import { sheetCell } from './sheet-cell.ts'

const WORDS = {
  it: {
    weekday: 'Giorno',
    days: ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'],
    total: 'Totale',
    start: 'Dal',
    now: 'Periodo',
    before: 'Periodo precedente',
    opened: 'Aperti',
    closed: 'Chiusi',
    in: 'Ricevuti',
    out: 'Inviati',
    question: 'Domanda',
    answer: 'Risposta',
    firstReply: 'Prima risposta',
    leftWaiting: 'Chiusi in attesa',
    queue: 'Tempo in coda',
    none: 'nessuno',
    kept: 'rispettata',
    missed: 'mancata',
  },
  en: {
    weekday: 'Day',
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    total: 'Total',
    start: 'From',
    now: 'Period',
    before: 'Period before',
    opened: 'Opened',
    closed: 'Closed',
    in: 'Received',
    out: 'Sent',
    question: 'Question',
    answer: 'Answer',
    firstReply: 'First reply',
    leftWaiting: 'Left waiting',
    queue: 'Time in queue',
    none: 'none',
    kept: 'kept',
    missed: 'missed',
  },
}
const WAIT_NAMES = ['< 1 min', '1–5 min', '5–15 min', '15–60 min', '1–4 h', '4–24 h', '> 24 h']

export function chartSheet(charts: Charts, table: StatisticsTable): (string | number)[][] {
  const words = charts.language === 'en' ? WORDS.en : WORDS.it
  const text = (cell: Cell) => sheetCell(cell, charts.minimumCell)
  const nameOf = (bar: ChartBar) =>
    bar.label?.[charts.language] ??
    Object.values(bar.label ?? {})[0] ??
    bar.name ??
    (bar.key === 'none' ? words.none : (words[bar.key as 'kept' | 'missed'] ?? bar.key))
  const barRows = (heading: string, bars: ChartBar[]) => [
    [heading, words.now, words.before],
    ...bars.map((bar) => [nameOf(bar), text(bar.now), text(bar.before)]),
  ]
  switch (table) {
    case 'hours':
      return [
        [words.weekday, ...Array.from({ length: 24 }, (_, h) => `${h}`), words.total],
        ...charts.hours.counts.map((row, d) => [
          words.days[d] ?? '',
          ...row.map(text),
          text(charts.hours.weekdayTotals[d] ?? 0),
        ]),
      ]
    case 'weeks':
    case 'months': {
      const { now, before } = charts[table]
      return [
        [words.start, words.now, words.before],
        ...now.map((point, i) => [point.start, text(point.count), text(before[i]?.count ?? 0)]),
      ]
    }
    case 'doors':
    case 'languages':
    case 'categories':
    case 'due':
      return barRows('', charts[table])
    case 'outcomes':
      return [
        [words.question, words.answer, words.now, words.before],
        ...charts.outcomes.flatMap((q) =>
          q.answers.map((bar) => [
            q.label?.[charts.language] ?? Object.values(q.label ?? {})[0] ?? q.id,
            nameOf(bar),
            text(bar.now),
            text(bar.before),
          ]),
        ),
      ]
    case 'waits':
      return [
        [
          '',
          `${words.firstReply}: ${words.now}`,
          words.before,
          `${words.leftWaiting}: ${words.now}`,
          words.before,
          `${words.queue}: ${words.now}`,
          words.before,
        ],
        ...WAIT_BUCKETS.map((_, i) => [
          WAIT_NAMES[i] ?? '',
          ...[charts.waits.firstReply, charts.waits.leftWaiting, charts.waits.queue].flatMap((bars) => [
            text(bars[i]?.now ?? 0),
            text(bars[i]?.before ?? 0),
          ]),
        ]),
      ]
    case 'cases':
      return [
        [words.start, words.opened, words.closed],
        ...charts.cases.map((week) => [week.start, text(week.opened), text(week.closed)]),
      ]
    case 'referrals':
      return [
        [words.start, words.in, words.out],
        ...charts.referrals.map((week) => [week.start, text(week.in), text(week.out)]),
      ]
  }
}

// The period report as a PDF (pdfkit): an A4 document a funder or a municipality can read without
// the console. Charts are drawn as vectors (bars are rectangles, so they print sharp at any size);
// a count the small-cell rule withheld has no bar, only its mark ('<5' or '*'), so the picture
// gives away no more than the numbers. The built-in Helvetica covers Italian's letters (WinAnsi).
import type { PeriodReport } from '@ascolto/core'
import type { Cell } from '@ascolto/protocol'
import PDFDocument from 'pdfkit'
import { REPORT_TEXTS, type ReportTexts } from './period-report-texts.ts'

const INK = '#1d2733'
const MUTED = '#5b6673'
const ACCENT = '#1f6f78'
const BAR = '#3b8ea5'
const RULE = '#d5dbe1'
const MARGIN = 48
const PAGE = { width: 595.28, height: 841.89 }
const WIDTH = PAGE.width - 2 * MARGIN

type Item = { label: string; count: Cell }
type Localized = Record<string, string> | null

export function renderPeriodReport(report: PeriodReport, generatedOn: Date): Promise<Buffer> {
  const t: ReportTexts = REPORT_TEXTS[report.language]
  const { statistics: stats } = report
  const lang = report.language
  const number = new Intl.NumberFormat(lang)
  const cell = (count: Cell) =>
    typeof count === 'number' ? number.format(count) : count === 'small' ? `<${stats.minimumCell}` : '*'
  const labelOf = (label: Localized, id: string) =>
    label?.[lang] ?? label?.[stats.language] ?? Object.values(label ?? {})[0] ?? id
  const day = (iso: string) =>
    new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    )
  const seconds = (s: number | null) => {
    if (s === null) return t.dash
    if (s >= 3600) return t.hours(Math.floor(s / 3600), Math.round((s % 3600) / 60))
    return t.minutes(Math.floor(s / 60), s % 60)
  }
  const periodName =
    report.kind === 'year'
      ? t.year(report.year)
      : report.kind === 'quarter'
        ? t.quarter(report.part ?? 1, report.year)
        : new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(Date.UTC(report.year, (report.part ?? 1) - 1, 1)),
          )

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang,
    info: { Title: `${t.title} – ${report.helplineName} – ${periodName}`, Author: report.helplineName },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))

  let y = MARGIN
  /** A new page when the next block would not fit. */
  const room = (height: number) => {
    if (y + height > PAGE.height - MARGIN - 24) {
      doc.addPage()
      y = MARGIN
    }
  }
  /** A section's heading, on a new page unless it and the first `block` points below it fit. */
  const heading = (text: string, block = 40) => {
    room(41 + Math.min(block, 320))
    y += 14
    doc.font('Helvetica-Bold').fontSize(13).fillColor(ACCENT).text(text, MARGIN, y, { width: WIDTH })
    y += 19
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + WIDTH, y)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke()
    y += 8
  }
  const note = (text: string, size = 9) => {
    doc.font('Helvetica').fontSize(size).fillColor(MUTED)
    const height = doc.heightOfString(text, { width: WIDTH })
    room(height + 4)
    doc.text(text, MARGIN, y, { width: WIDTH })
    y += height + 4
  }
  /** Horizontal bars, one per item: the label, the bar (none when withheld), the figure. */
  const bars = (items: Item[]) => {
    if (items.length === 0) return note(t.none)
    const labelWidth = 190
    const barLeft = MARGIN + labelWidth + 8
    const barSpace = WIDTH - labelWidth - 60
    const max = Math.max(1, ...items.map((i) => (typeof i.count === 'number' ? i.count : 0)))
    for (const item of items) {
      room(18)
      doc.font('Helvetica').fontSize(9.5).fillColor(INK)
      doc.text(item.label, MARGIN, y + 2, { width: labelWidth, height: 12, ellipsis: true, lineBreak: false })
      const length = typeof item.count === 'number' ? (item.count / max) * barSpace : 0
      if (length > 0) doc.rect(barLeft, y + 1, Math.max(length, 1.5), 12).fill(BAR)
      const withheld = typeof item.count !== 'number'
      doc
        .font(withheld ? 'Helvetica-Oblique' : 'Helvetica-Bold')
        .fontSize(9.5)
        .fillColor(withheld ? MUTED : INK)
      doc.text(cell(item.count), barLeft + length + 5, y + 2, { lineBreak: false })
      y += 17
    }
    y += 4
  }
  /** Columns over the parts of the period, each figure above its column. */
  const columns = (items: Item[]) => {
    const height = 110
    room(height + 40)
    const slot = WIDTH / Math.max(items.length, 1)
    const max = Math.max(1, ...items.map((i) => (typeof i.count === 'number' ? i.count : 0)))
    const base = y + height + 14
    doc
      .moveTo(MARGIN, base)
      .lineTo(MARGIN + WIDTH, base)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke()
    items.forEach((item, i) => {
      const x = MARGIN + i * slot
      const h = typeof item.count === 'number' ? (item.count / max) * height : 0
      if (h > 0) doc.rect(x + slot * 0.18, base - h, slot * 0.64, h).fill(BAR)
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(typeof item.count === 'number' ? INK : MUTED)
      doc.text(cell(item.count), x, base - h - 11, { width: slot, align: 'center', lineBreak: false })
      doc.fillColor(MUTED).text(item.label, x, base + 4, { width: slot, align: 'center', lineBreak: false })
    })
    y = base + 22
  }
  /** Rows of a time: its name, the median, the average. */
  const times = (rows: (readonly [string, { median: number | null; average: number | null }])[]) => {
    for (const [name, value] of rows) {
      room(17)
      doc
        .font('Helvetica')
        .fontSize(9.5)
        .fillColor(INK)
        .text(name, MARGIN, y, { width: 260, lineBreak: false })
      doc
        .font('Helvetica-Bold')
        .text(`${t.median} ${seconds(value.median)}`, MARGIN + 270, y, { lineBreak: false })
      doc
        .font('Helvetica')
        .fillColor(MUTED)
        .text(`${t.average} ${seconds(value.average)}`, MARGIN + 400, y, {
          lineBreak: false,
        })
      y += 16
    }
    y += 4
  }

  // the head: the helpline, what this is, which days
  doc.rect(0, 0, PAGE.width, 118).fill(ACCENT)
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor('#d7eef0')
    .text(t.title.toUpperCase(), MARGIN, 34, { characterSpacing: 1 })
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor('#ffffff')
    .text(report.helplineName, MARGIN, 52, { width: WIDTH })
  doc.font('Helvetica').fontSize(12).fillColor('#ffffff')
  doc.text(`${periodName} · ${t.days(day(stats.from), day(stats.to))}`, MARGIN, 84, { width: WIDTH })
  y = 140

  // key figures
  // the calls' last row is every door's together
  const callTotal = stats.calls.at(-1)
  const opened = stats.cases.reduce<Cell>((sum, k) => add(sum, k.opened), 0)
  const referrals = stats.referrals.reduce<Cell>((sum, r) => add(sum, r.total), 0)
  const figures: [string, Cell][] = [
    [t.keyFigures.closed, stats.total.closed],
    [t.keyFigures.calls, callTotal?.calls ?? 0],
    [t.keyFigures.cases, opened],
    [t.keyFigures.referrals, referrals],
  ]
  const box = (WIDTH - 3 * 10) / 4
  figures.forEach(([name, count], i) => {
    const x = MARGIN + i * (box + 10)
    doc.roundedRect(x, y, box, 58, 4).fillAndStroke('#f2f6f8', RULE)
    doc
      .font('Helvetica-Bold')
      .fontSize(20)
      .fillColor(INK)
      .text(cell(count), x, y + 10, { width: box, align: 'center' })
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(name, x, y + 37, { width: box, align: 'center' })
  })
  y += 70

  heading(t.doors)
  bars(
    stats.channels.map((d) => ({
      label: d.channelName ?? t.kinds[d.channelKind] ?? d.channelKind,
      count: d.closed,
    })),
  )

  heading(report.kind === 'month' ? t.trend.month : t.trend.other, 150)
  columns(report.trend.map((part, i) => ({ label: partLabel(report, part.from, i, t), count: part.count })))

  heading(t.waits, 110)
  times([
    [t.queue, stats.total.queue],
    [t.firstResponse, stats.total.firstResponse],
    [t.duration, stats.total.duration],
    [t.abandonedWait, stats.total.abandonedWait],
    ...(callTotal
      ? ([
          [t.ring, callTotal.ring],
          [t.talk, callTotal.talk],
        ] as const)
      : []),
  ])
  bars([{ label: t.abandoned, count: stats.total.abandoned }])

  heading(t.dueTime, 60)
  bars([
    { label: t.dueKept, count: report.dueTime.kept },
    { label: t.dueMissed, count: report.dueTime.missed },
  ])
  const { kept, total } = report.dueTime
  if (typeof kept === 'number' && typeof total === 'number' && total > 0) {
    note(t.dueShare(new Intl.NumberFormat(lang, { style: 'percent' }).format(kept / total)), 10)
  }

  const categories = [
    ...stats.categories.map((c) => ({ label: labelOf(c.label, c.id), count: c.count })),
    { label: t.withoutCategory, count: stats.withoutCategory },
  ]
  heading(t.categories, tall(categories))
  bars(categories)

  heading(t.outcomes, 15 + tall(stats.closingForm[0]?.answers ?? []))
  if (stats.closingForm.length === 0) note(t.none)
  for (const question of stats.closingForm) {
    room(40)
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(INK)
      .text(labelOf(question.label, question.id), MARGIN, y)
    y += 15
    bars([
      ...question.answers.map((a) => ({ label: labelOf(a.label, a.id), count: a.count })),
      { label: t.unanswered, count: question.unanswered },
    ])
  }

  const endings = Object.keys(t.endings) as (keyof ReportTexts['endings'])[]
  const calls = callTotal ? endings.map((key) => ({ label: t.endings[key], count: callTotal[key] })) : []
  heading(t.calls, tall(calls))
  bars(calls)

  heading(t.cases)
  if (stats.cases.length === 0) note(t.none)
  for (const kind of stats.cases) {
    room(40)
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK)
    doc.text(
      `${t.caseKinds[kind.kind] ?? kind.kind}: ${cell(kind.opened)} ${t.opened}, ${cell(kind.closed)} ${t.closedCases}`,
      MARGIN,
      y,
    )
    y += 15
    bars(kind.outcomes.map((o) => ({ label: t.caseOutcome[o.outcome] ?? o.outcome, count: o.count })))
  }

  heading(t.referrals)
  bars(
    stats.referrals.map((r) => ({
      label: r.direction === 'out' ? t.sent(r.partner) : t.received(r.partner),
      count: r.total,
    })),
  )

  y += 8
  note(t.suppression(stats.minimumCell), 9)

  // every page: when it was made, and where it stands
  const pages = doc.bufferedPageRange()
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i)
    // the footer sits in the bottom margin, where pdfkit would otherwise start a new page
    doc.page.margins.bottom = 0
    doc.font('Helvetica').fontSize(8).fillColor(MUTED)
    const footer = PAGE.height - MARGIN + 10
    doc.text(
      `${report.helplineName} · ${periodName} · ${t.generated(day(generatedOn.toISOString().slice(0, 10)))}`,
      MARGIN,
      footer,
      {
        width: WIDTH - 80,
        lineBreak: false,
      },
    )
    doc.text(t.page(i + 1, pages.count), MARGIN + WIDTH - 80, footer, {
      width: 80,
      align: 'right',
      lineBreak: false,
    })
  }
  doc.end()
  return done
}

/** How tall a block of bars is. */
const tall = (items: readonly unknown[]) => items.length * 17 + 4

/** A part's name under its column: the month's short name, or the week's days of the month. */
function partLabel(report: PeriodReport, from: string, index: number, t: ReportTexts) {
  const date = new Date(`${from}T00:00:00Z`)
  if (report.kind !== 'month') {
    return new Intl.DateTimeFormat(report.language, { month: 'short', timeZone: 'UTC' }).format(date)
  }
  const last = new Date(Date.UTC(report.year, report.part ?? 1, 0)).getUTCDate()
  const first = index * 7 + 1
  return t.week(first, Math.min(first + 6, last))
}

/** A sum of counts, withheld ('*') once any part of it is: a part's '<5' would make it a range. */
function add(sum: Cell, count: Cell): Cell {
  return typeof sum === 'number' && typeof count === 'number' ? sum + count : 'hidden'
}

// The week as a coordinator reads it: for each hour, the people who wrote (bars), the queue
// (the most waiting at once, a line) and the volunteers signed in (a step line), over the open
// hours shaded; days labelled in the helpline's time zone. A plain SVG, in Italian or English.
import type { SimulationRecord } from './record.ts'

const HOUR = 3600_000
const WORDS = {
  it: {
    title: (service: string, week: string) => `${service}: la settimana dal ${week}, ora per ora`,
    arrivals: 'persone che scrivono',
    queue: 'in attesa (massimo dell’ora)',
    staff: 'volontari collegati',
    open: 'linea aperta',
    locale: 'it-IT',
  },
  en: {
    title: (service: string, week: string) => `${service}: the week from ${week}, hour by hour`,
    arrivals: 'people writing',
    queue: 'waiting (most in the hour)',
    staff: 'volunteers signed in',
    open: 'line open',
    locale: 'en-GB',
  },
}

export function drawWeek(record: SimulationRecord, language: 'it' | 'en' = 'it') {
  const words = WORDS[language]
  const hours = Math.round((record.end - record.start) / HOUR)
  const bucket = (at: number) => Math.floor((at - record.start) / HOUR)
  const arrivals = Array.from({ length: hours }, () => 0)
  for (const e of record.episodes) {
    const h = bucket(e.arrivedAt)
    if (h < hours) arrivals[h] = (arrivals[h] ?? 0) + 1
  }
  const queue = Array.from({ length: hours }, () => 0)
  const staff = Array.from({ length: hours }, () => 0)
  const open = Array.from({ length: hours }, () => false)
  for (const q of record.quarters) {
    const h = bucket(q.at)
    if (h < 0 || h >= hours) continue
    queue[h] = Math.max(queue[h] as number, q.waiting)
    staff[h] = Math.max(staff[h] as number, q.signedIn)
    open[h] ||= q.open
  }
  const W = 1280
  const H = 440
  const left = 48
  const right = 16
  const top = 56
  const bottom = 70
  const plotW = W - left - right
  const plotH = H - top - bottom
  const step = plotW / hours
  const max = Math.max(4, ...arrivals, ...queue, ...staff)
  const y = (v: number) => top + plotH - (v / max) * plotH
  const x = (h: number) => left + h * step
  const parts: string[] = []
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`)
  parts.push(
    `<text x="${left}" y="28" font-size="18" font-weight="600">${xml(words.title(record.service, record.week))}</text>`,
  )
  open.forEach((o, h) => {
    if (o)
      parts.push(
        `<rect x="${x(h).toFixed(1)}" y="${top}" width="${(step + 0.6).toFixed(2)}" height="${plotH}" fill="#e8f3ec"/>`,
      )
  })
  for (let v = 0; v <= max; v += Math.max(1, Math.ceil(max / 6))) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`)
    parts.push(
      `<text x="${left - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="#555">${v}</text>`,
    )
  }
  const dayFormat = new Intl.DateTimeFormat(words.locale, {
    timeZone: record.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  })
  const hourOf = (h: number) =>
    Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: record.timeZone,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(record.start + h * HOUR),
    )
  for (let h = 0; h < hours; h++) {
    if (hourOf(h) !== 0) continue
    parts.push(`<line x1="${x(h)}" x2="${x(h)}" y1="${top}" y2="${top + plotH}" stroke="#999"/>`)
    parts.push(
      `<text x="${x(h) + 4}" y="${top + plotH + 16}" font-size="12" fill="#333">${xml(dayFormat.format(record.start + h * HOUR))}</text>`,
    )
  }
  arrivals.forEach((n, h) => {
    if (n > 0)
      parts.push(
        `<rect x="${(x(h) + step * 0.1).toFixed(1)}" y="${y(n).toFixed(1)}" width="${(step * 0.8).toFixed(2)}" height="${(top + plotH - y(n)).toFixed(1)}" fill="#3b6fb6"/>`,
      )
  })
  const path = (values: number[], stepped: boolean) =>
    values
      .map((v, h) =>
        stepped
          ? `${h === 0 ? 'M' : 'L'}${x(h).toFixed(1)},${y(v).toFixed(1)} L${x(h + 1).toFixed(1)},${y(v).toFixed(1)}`
          : `${h === 0 ? 'M' : 'L'}${(x(h) + step / 2).toFixed(1)},${y(v).toFixed(1)}`,
      )
      .join(' ')
  parts.push(`<path d="${path(queue, false)}" fill="none" stroke="#c0392b" stroke-width="2"/>`)
  parts.push(
    `<path d="${path(staff, true)}" fill="none" stroke="#1e8449" stroke-width="2" stroke-dasharray="5 3"/>`,
  )
  const legend: Array<[string, string]> = [
    [`<rect width="14" height="10" fill="#3b6fb6"/>`, words.arrivals],
    [`<line x2="14" y1="5" y2="5" stroke="#c0392b" stroke-width="2"/>`, words.queue],
    [`<line x2="14" y1="5" y2="5" stroke="#1e8449" stroke-width="2" stroke-dasharray="5 3"/>`, words.staff],
    [`<rect width="14" height="10" fill="#e8f3ec" stroke="#bbb"/>`, words.open],
  ]
  legend.forEach(([mark, label], i) => {
    const lx = left + i * 260
    parts.push(
      `<g transform="translate(${lx},${H - 30})">${mark}<text x="20" y="10" font-size="13">${xml(label)}</text></g>`,
    )
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" role="img">\n<title>${xml(words.title(record.service, record.week))}</title>\n${parts.join('\n')}\n</svg>\n`
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

// Times of the preview, which are the helpline's local times: what to put in the date-and-time
// box by default, and how to show the times the server answers with.

/** Now, as 'YYYY-MM-DDTHH:MM' in the helpline's zone (the browser's own if the zone is unknown). */
export function localNow(timeZone: string, now = new Date()): string {
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now)
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = format(timeZone)
  } catch {
    parts = format(undefined)
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}

/** "mercoledì 25 dicembre, 19:00" for an ISO time with its offset, read in the helpline's zone. */
export function formatLocal(iso: string, timeZone: string, language: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(date)
  } catch {
    return new Intl.DateTimeFormat(language, options).format(date)
  }
}

// Times as an operator reads them at a glance: "3 min", "2 h", and the clock time of a message.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "3 min", "2 h", "4 d" in the language's own short units; null under a minute (the caller says "< 1 min"). */
export function formatElapsed(milliseconds: number, language: string): string | null {
  if (milliseconds < MINUTE) return null
  const [value, unit] =
    milliseconds < HOUR
      ? [Math.floor(milliseconds / MINUTE), 'minute']
      : milliseconds < DAY
        ? [Math.floor(milliseconds / HOUR), 'hour']
        : [Math.floor(milliseconds / DAY), 'day']
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value)
}

/** The clock time, with the day when it is not today. */
export function formatMessageTime(iso: string, language: string, now = new Date()): string {
  const date = new Date(iso)
  const sameDay = date.toDateString() === now.toDateString()
  return new Intl.DateTimeFormat(language, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date)
}

/** A recording's or a call's length: "0:14", "12:05". */
export const minutesAndSeconds = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

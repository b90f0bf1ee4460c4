// A wait or a duration as a reader takes it in: seconds under a minute and a half, minutes under
// an hour and a half, hours under two days, days beyond (a case lasts weeks); in the reader's
// language, by Intl's own unit names.
export function formatSeconds(seconds: number | null, language: string): string {
  if (seconds === null) return '–'
  const [value, unit] =
    seconds < 90
      ? [seconds, 'second']
      : seconds < 5400
        ? [seconds / 60, 'minute']
        : seconds < 172_800
          ? [seconds / 3600, 'hour']
          : [seconds / 86_400, 'day']
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'hour' || unit === 'day' ? 1 : 0,
  }).format(value)
}

/** A label in the reader's language if it has it, else the helpline's main one, else any. */
export const textIn = (texts: Record<string, string>, language: string, main: string) =>
  texts[language] ?? texts[main] ?? Object.values(texts)[0] ?? ''

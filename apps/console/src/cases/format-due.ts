// A follow-up's time as an operator plans it: the weekday, the day and the hour.
export function formatDueTime(iso: string, language: string) {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}

/** A `datetime-local` field's value as an instant, in the browser's zone. */
export const instantOf = (local: string) => new Date(local).toISOString()

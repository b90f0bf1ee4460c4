// What one click puts into the reply: the service's own text in the person's language, else in the
// helpline's first language, else its name, how to reach it and its hours.
import type { DirectoryService } from '@ascolto/protocol'

export function directoryReplyText(
  service: DirectoryService,
  languages: { person: string | null; helpline: readonly string[] },
): string {
  const written = [languages.person, ...languages.helpline]
    .map((language) => (language ? service.replyTexts[language] : undefined))
    .find(Boolean)
  if (written) return written
  return [`${service.organisation} – ${service.service}`, service.reach, service.openingHours]
    .filter(Boolean)
    .join('\n')
}

// What a caller hears, in the helpline's main language: the helpline's own out-of-hours (or
// holiday) text where it wrote one, and these words otherwise; always followed by what to do.
import type { Locale } from '../policy/index.ts'

export const VOICE_PROMPTS: Record<
  Locale,
  {
    closed: (next: string | null) => string
    busy: string
    leaveMessage: string
    /** to the operator's own phone, before the caller is put through */
    announce: (helpline: string) => string
  }
> = {
  it: {
    closed: (next) => `Il servizio ora è chiuso.${next ? ` Riapre ${next}.` : ''}`,
    busy: 'In questo momento nessuno può rispondere.',
    leaveMessage:
      'Se vuole, lasci un messaggio dopo il segnale acustico e prema il tasto cancelletto: la richiameremo appena possibile.',
    announce: (helpline) => `Chiamata per la linea ${helpline}: premi 1 per rispondere.`,
  },
  en: {
    closed: (next) => `The line is closed now.${next ? ` It opens again ${next}.` : ''}`,
    busy: 'Nobody can answer right now.',
    leaveMessage:
      'If you wish, leave a message after the tone and press the hash key: we will call you back as soon as we can.',
    announce: (helpline) => `A call for ${helpline}: press 1 to answer.`,
  },
}

// Logs carry ids, never content: no message text, phone number, e-mail address or token.
// Nothing logs bodies; the headers that carry secrets are censored in case a request is logged whole.
import type { LoggerOptions } from 'pino'

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.email',
        '*.text',
      ],
      censor: '[redacted]',
    },
  }
}

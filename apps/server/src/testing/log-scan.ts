// The whole suite's logs, scanned: every server a test builds through startTestServer logs at
// debug level into a sink, and when the test file closes it, each line is searched for what
// people wrote or are: the texts, e-mail addresses, passwords and tokens the tests made up (`call`
// and `visitorToken` note them here, eight characters or more), and anything shaped like a phone
// number, an e-mail or an IP address.
// A hit fails the file's `after`, naming the line.
import { Writable } from 'node:stream'

/** What the tests made up and sent, which no log line may contain. */
const madeUp = new Set<string>()

/** Body fields whose values are a person's words or secrets (ids and choices are left out). */
const PERSONAL_FIELDS = new Set(['text', 'reason', 'email', 'password', 'caption', 'address'])

export function noteMadeUp(value: string) {
  if (value.length >= 8) madeUp.add(value)
}

/** Notes the personal values of a body `call` sends, however deep. */
export function noteMadeUpBody(body: unknown) {
  if (Array.isArray(body)) for (const item of body) noteMadeUpBody(item)
  else if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && PERSONAL_FIELDS.has(key)) noteMadeUp(value)
      else noteMadeUpBody(value)
    }
  }
}

// a phone number: nine digits or more in a row (a log line's "time" is left out); an IPv4
// address, or IPv6's loopback and mapped forms, which is what a test's client has
const PHONE = /(?<![\w.-])\+?\d{9,}(?![\w.-])/
const IP = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])|::1(?![\w:])|::ffff:/
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/

/** A stream for pino that keeps every line (and echoes it to stdout if asked). */
export function createLogSink(options: { echo?: boolean } = {}) {
  const lines: string[] = []
  let partial = ''
  const stream = new Writable({
    write(chunk, _encoding, done) {
      if (options.echo) process.stdout.write(chunk)
      const text = partial + chunk.toString()
      const parts = text.split('\n')
      partial = parts.pop() ?? ''
      lines.push(...parts.filter(Boolean))
      done()
    },
  })
  return { stream, lines }
}

/** Each log line that carries something personal, with what it carries. */
export function personalDataIn(lines: readonly string[]): string[] {
  const found: string[] = []
  for (const line of lines) {
    // the line's own fields that are not about anyone: its time, process and host
    const {
      time: _time,
      pid: _pid,
      hostname: _hostname,
      ...rest
    } = JSON.parse(line) as Record<string, unknown>
    const text = JSON.stringify(rest)
    const hits = [
      ...[PHONE, IP, EMAIL].flatMap((pattern) => pattern.exec(text)?.[0] ?? []),
      ...[...madeUp].filter((value) => text.includes(value)),
    ]
    if (hits.length > 0) found.push(`${hits.join(', ')} in ${line}`)
  }
  return found
}

// `ascolto detect-language`: one message a line on standard input, one JSON line each on standard
// output, by the detector the product uses, so anyone can check it on their own messages.
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { detectLanguage } from '@ascolto/core'

export async function detectLanguageOfLines(input: Readable, output: Writable) {
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    output.write(`${JSON.stringify(detectLanguage(line))}\n`)
  }
}

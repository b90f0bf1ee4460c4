// What every `ascolto connect-*` command does with its input: secrets read from files (never the
// command line, where `ps` and the shell history keep them), and every problem reported at once.
import { readFile } from 'node:fs/promises'
import { ChannelConfigError } from '@ascolto/channels'
import { ConfigError } from '@ascolto/config'

/** A secret read from a file, trimmed; a missing option or an unreadable file is one more problem. */
export async function readSecretFile(file: string | undefined, option: string, problems: string[]) {
  if (!file) {
    problems.push(`--${option} is required`)
    return undefined
  }
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch (error) {
    problems.push(`--${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`)
    return undefined
  }
}

/** The channel's settings checked by its adapter, with the problems found before: all at once, or the connection. */
export function checkedConnection<T>(problems: string[], check: () => T): T {
  let connection: T | undefined
  try {
    connection = check()
  } catch (error) {
    if (!(error instanceof ChannelConfigError)) throw error
    problems.push(...error.problems)
  }
  if (problems.length > 0 || connection === undefined) throw new ConfigError(problems)
  return connection
}

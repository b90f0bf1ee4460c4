// The one place that reads process.env: every setting Ascolto has, validated at boot,
// failing with all the errors at once so an admin fixes them in one go.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Type, { type Static } from 'typebox'
import Value from 'typebox/value'

const Role = Type.Union([Type.Literal('all'), Type.Literal('web'), Type.Literal('worker')])

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, description: 'PORT' }),
  host: Type.String({ minLength: 1, description: 'HOST' }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'DATABASE_URL' })),
  dataDir: Type.String({ minLength: 1, description: 'ASCOLTO_DATA_DIR' }),
  role: Role,
  publicUrl: Type.String({ pattern: '^https?://', description: 'ASCOLTO_PUBLIC_URL' }),
  masterKey: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'ASCOLTO_MASTER_KEY' })),
  secondFactor: Type.Union([Type.Literal('required'), Type.Literal('optional')], {
    description: 'ASCOLTO_SECOND_FACTOR',
  }),
  sessionIdleMinutes: Type.Integer({
    minimum: 5,
    maximum: 10080,
    description: 'ASCOLTO_SESSION_IDLE_MINUTES',
  }),
  trustProxy: Type.String({ minLength: 1, description: 'ASCOLTO_TRUST_PROXY' }),
  webhooksInFlight: Type.Integer({ minimum: 1, maximum: 100_000, description: 'ASCOLTO_WEBHOOKS_IN_FLIGHT' }),
  logAddresses: Type.Union([Type.Literal('none'), Type.Literal('truncated')], {
    description: 'ASCOLTO_LOG_ADDRESSES',
  }),
  logLevel: Type.Union([
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ]),
})

export type Config = Static<typeof ConfigSchema>
export type ServerRole = Static<typeof Role>

/** Names of the environment variables, as a newcomer would guess them, and their defaults. */
const variables = {
  port: { name: 'PORT', fallback: '3000' },
  host: { name: 'HOST', fallback: '127.0.0.1' },
  // a secret: it carries the database's password (DATABASE_URL_FILE for a Docker or systemd secret)
  databaseUrl: { name: 'DATABASE_URL', secret: true },
  dataDir: { name: 'ASCOLTO_DATA_DIR', fallback: './data' },
  role: { name: 'ASCOLTO_ROLE', fallback: 'all' },
  publicUrl: { name: 'ASCOLTO_PUBLIC_URL' },
  masterKey: { name: 'ASCOLTO_MASTER_KEY', secret: true },
  // supervisors, coordinators and admins must set up a second factor ("optional": they may)
  secondFactor: { name: 'ASCOLTO_SECOND_FACTOR', fallback: 'required' },
  sessionIdleMinutes: { name: 'ASCOLTO_SESSION_IDLE_MINUTES', fallback: '720' },
  // the reverse proxies whose X-Forwarded-For is believed: addresses, CIDRs, or "loopback" (a proxy
  // on the same machine); a client talking to Ascolto directly cannot choose its address then
  trustProxy: { name: 'ASCOLTO_TRUST_PROXY', fallback: 'loopback' },
  // webhooks taken at once; past it they are refused with 503 at once, and the provider retries,
  // rather than queued past its timeout (routes/webhooks/index.ts)
  webhooksInFlight: { name: 'ASCOLTO_WEBHOOKS_IN_FLIGHT', fallback: '64' },
  // what logs keep of a client's IP address: nothing, or its network (/24, /48) for abuse handling
  logAddresses: { name: 'ASCOLTO_LOG_ADDRESSES', fallback: 'none' },
  logLevel: { name: 'LOG_LEVEL', fallback: 'info' },
} satisfies Record<keyof Config, { name: string; fallback?: string; secret?: boolean }>

export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.problems = problems
  }
}

/** Reads a variable, or for secrets `NAME_FILE` (Docker/systemd secrets), trimming the file's newline. */
function readVariable(env: NodeJS.ProcessEnv, name: string, secret: boolean, problems: string[]) {
  const fileName = env[`${name}_FILE`]
  if (secret && fileName) {
    try {
      return readFileSync(fileName, 'utf8').trim()
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${fileName} (${(error as NodeJS.ErrnoException).code})`)
      return undefined
    }
  }
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = []
  const raw: Record<string, unknown> = {}
  for (const [key, variable] of Object.entries(variables)) {
    const secret = 'secret' in variable && variable.secret
    raw[key] =
      readVariable(env, variable.name, secret, problems) ??
      ('fallback' in variable ? variable.fallback : undefined)
    if (raw[key] === undefined) delete raw[key]
  }
  raw.port = raw.port === undefined ? undefined : Number(raw.port)
  raw.sessionIdleMinutes = raw.sessionIdleMinutes === undefined ? undefined : Number(raw.sessionIdleMinutes)
  raw.webhooksInFlight = raw.webhooksInFlight === undefined ? undefined : Number(raw.webhooksInFlight)
  Object.assign(raw, overrides)
  raw.publicUrl ??= `http://localhost:${raw.port}`

  for (const error of Value.Errors(ConfigSchema, raw)) {
    const key = error.instancePath.split('/')[1] as keyof Config | undefined
    const name = key ? variables[key].name : 'configuration'
    if (error.keyword === 'anyOf') continue // the literal alternatives already said it
    const shown = key === 'masterKey' || key === 'databaseUrl' ? '(secret)' : JSON.stringify(raw[key ?? ''])
    problems.push(`${name}=${shown}: ${error.message}`)
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)])

  const config = raw as Config
  config.dataDir = path.resolve(config.dataDir)
  return config
}

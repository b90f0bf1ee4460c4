// `ascolto settings export|import`: a helpline's settings file out of and into the database. An
// import with a problem changes nothing and names every problem (SettingsError, exit code 2).
import { readFile } from 'node:fs/promises'
import { ConfigError } from '@ascolto/config'
import { importHelplineSettings, loadHelplineSettings } from '@ascolto/core'
import type { Queryable } from '@ascolto/db'
import { HelplineSettings } from '@ascolto/protocol'

export async function helplineIdOf(db: Queryable, slug: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('select id from helpline where slug = $1', [slug])
  const id = rows[0]?.id
  if (!id) throw new ConfigError([`no helpline with the slug ${JSON.stringify(slug)}`])
  return id
}

type SchemaNode = {
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
  anyOf?: SchemaNode[]
}

/**
 * The value with its keys in the schema's order, and texts in the helpline's languages' order:
 * the database keeps JSON keys in its own order, a person reads the file in this one.
 */
function inSchemaOrder(schema: SchemaNode, value: unknown, languages: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => inSchemaOrder(schema.items ?? {}, item, languages))
  if (value === null || typeof value !== 'object') return value
  const keys = Object.keys(value)
  const variants = schema.anyOf ?? [schema]
  const variant = variants.find((v) => keys.every((key) => key in (v.properties ?? {}))) ?? schema
  const properties = variant.properties ?? {}
  const rank = (key: string) => {
    const known = Object.keys(properties).indexOf(key)
    return known >= 0 ? known : languages.includes(key) ? languages.indexOf(key) : Number.MAX_SAFE_INTEGER
  }
  const entries = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b))
  return Object.fromEntries(
    entries.map(([key, item]) => [key, inSchemaOrder(properties[key] ?? {}, item, languages)]),
  )
}

/** The helpline's settings file, as JSON text. */
export async function exportSettings(db: Queryable, slug: string): Promise<string> {
  const settings = await loadHelplineSettings(db, await helplineIdOf(db, slug))
  const ordered = inSchemaOrder(HelplineSettings as SchemaNode, settings, settings.languages)
  return `${JSON.stringify(ordered, null, 2)}\n`
}

/** Replaces the helpline's settings with the file's, whole; a file with a problem changes nothing. */
export async function importSettings(db: Queryable, slug: string, file: string): Promise<HelplineSettings> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ConfigError([`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`])
  }
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (error) {
    throw new ConfigError([`${file} is not JSON: ${(error as Error).message}`])
  }
  return importHelplineSettings(db, await helplineIdOf(db, slug), input)
}

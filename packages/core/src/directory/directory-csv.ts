// The directory as a CSV file a coordinator edits in a spreadsheet (format: docs/directory.md).
// Lists (topics, languages) are separated by ";"; each reply text has a column of its own, "reply_it".
// A problem is a short code the console words ("empty", "unknown-column"…), or the validator's text.
import { type DirectoryService, DirectoryServiceBody, type FileProblem } from '@ascolto/protocol'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import Value from 'typebox/value'

/** Each column and the field it fills; `reply_<language>` columns come after these. */
const COLUMNS = {
  organisation: 'organisation',
  service: 'service',
  region: 'region',
  province: 'province',
  municipality: 'municipality',
  topics: 'topics',
  people_served: 'peopleServed',
  languages: 'languages',
  opening_hours: 'openingHours',
  reach: 'reach',
  operator_notes: 'operatorNotes',
  last_checked: 'lastChecked',
} as const satisfies Record<string, keyof DirectoryServiceBody>
type Column = keyof typeof COLUMNS
const LISTS: ReadonlySet<string> = new Set(['topics', 'languages'])
const REPLY = /^reply_([a-z]{2,3})$/
/** More rows than any helpline's directory: past it, a file is refused rather than read. */
export const DIRECTORY_MAX_ROWS = 5000

/** The validator's findings as the codes the console words; the validator's text otherwise. */
const CODES: Record<string, string> = {
  pattern: 'not-language',
  format: 'not-date',
  minLength: 'empty',
  maxLength: 'too-long',
  maxItems: 'too-many',
}

const columnOfField = Object.fromEntries(Object.entries(COLUMNS).map(([column, field]) => [field, column]))

export function directoryToCsv(services: readonly DirectoryService[]): string {
  const languages = [...new Set(services.flatMap((s) => Object.keys(s.replyTexts)))].sort()
  const header = [...Object.keys(COLUMNS), ...languages.map((l) => `reply_${l}`)]
  const rows = services.map((s) => [
    ...Object.values(COLUMNS).map((field) => {
      const value = s[field]
      return Array.isArray(value) ? value.join('; ') : (value ?? '')
    }),
    ...languages.map((l) => s.replyTexts[l] ?? ''),
  ])
  return stringify([header, ...rows])
}

export type ParsedDirectory =
  | { ok: true; services: DirectoryServiceBody[] }
  | { ok: false; problems: FileProblem[] }

/** Every row as a service, or every problem of the file by line and column (nothing half-read). */
export function parseDirectoryCsv(text: string): ParsedDirectory {
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true })
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return { ok: false, problems: [{ line, column: '', problem: 'not-csv' }] }
  }
  const [header = [], ...rows] = records
  const problems: FileProblem[] = []
  for (const name of header) {
    if (!(name in COLUMNS) && !REPLY.test(name))
      problems.push({ line: 1, column: name, problem: 'unknown-column' })
  }
  for (const required of ['organisation', 'service', 'reach']) {
    if (!header.includes(required)) problems.push({ line: 1, column: required, problem: 'missing-column' })
  }
  if (new Set(header).size !== header.length)
    problems.push({ line: 1, column: '', problem: 'repeated-column' })
  if (rows.length > DIRECTORY_MAX_ROWS) {
    problems.push({
      line: DIRECTORY_MAX_ROWS + 2,
      column: '',
      problem: 'too-many-rows',
    })
  }
  if (problems.length > 0) return { ok: false, problems }

  const services = rows.map((row, index) => {
    const body = bodyOf(header, row)
    for (const error of Value.Errors(DirectoryServiceBody, body)) {
      if (error.keyword === 'anyOf') continue
      const missing = error.keyword === 'required' ? (error.params as { requiredProperties: string[] }) : null
      for (const field of missing?.requiredProperties ?? [null]) {
        const column = field ? (columnOfField[field] ?? field) : columnOf(error.instancePath)
        problems.push({
          line: index + 2,
          column,
          problem: field ? 'empty' : (CODES[error.keyword] ?? error.message),
        })
      }
    }
    return body
  })
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, services: services as DirectoryServiceBody[] }
}

function bodyOf(header: readonly string[], row: readonly string[]) {
  const body: Record<string, unknown> = { topics: [], languages: [], replyTexts: {} }
  const replyTexts: Record<string, string> = {}
  header.forEach((name, i) => {
    const cell = row[i] ?? ''
    const reply = REPLY.exec(name)
    if (reply?.[1]) {
      if (cell) replyTexts[reply[1]] = cell
    } else if (LISTS.has(name)) {
      body[COLUMNS[name as Column]] = cell
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean)
    } else if (cell) {
      body[COLUMNS[name as Column]] = cell
    }
  })
  body.replyTexts = replyTexts
  return body
}

/** `/topics/2` → "topics", `/replyTexts/en` → "reply_en", `/lastChecked` → "last_checked". */
function columnOf(instancePath: string): string {
  const [, field = '', key] = instancePath.split('/')
  if (field === 'replyTexts' && key) return `reply_${key}`
  return columnOfField[field] ?? field
}

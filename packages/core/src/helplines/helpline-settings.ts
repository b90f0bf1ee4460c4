// Reading, checking, importing and exporting a helpline's settings file. A file with an error
// changes nothing and gets every problem, each naming its field.
import type { Queryable } from '@ascolto/db'
import { HelplineSettings, type LocalizedText } from '@ascolto/protocol'
import Value from 'typebox/value'
import { AscoltoError } from '../errors.ts'
import { checkOpeningRules, type OpeningRules } from '../policy/index.ts'
import { checkReportForm } from '../reports/report-form.ts'
import { checkSurveySettings } from '../survey/survey-rules.ts'

/** What a helpline created without a settings file runs with: always open, no replies yet. */
export function defaultSettings(name: string, timeZone: string, language: string): HelplineSettings {
  return {
    name,
    timeZone,
    languages: [language],
    opening: { alwaysOpen: true, weekly: {}, exceptions: [], closures: [], closedOnPublicHolidays: false },
    autoReplies: {},
    blocking: { keepMessagesOfBlocked: false },
    moderation: { autoFlag: false, words: [] },
    redirects: [],
    retention: { months: 6 },
  }
}

// one rules object per settings object, so that what policy/opening.ts keeps per rules is found again
const rulesOf = new WeakMap<HelplineSettings, OpeningRules>()

/** The settings' opening rules. Shared: not to be changed, nor the settings after this is asked. */
export function openingRulesOf(settings: HelplineSettings): OpeningRules {
  const kept = rulesOf.get(settings)
  if (kept) return kept
  const rules = { ...settings.opening, timeZone: settings.timeZone }
  rulesOf.set(settings, rules)
  return rules
}

/** '/opening/weekly/mon/0/start' → 'opening.weekly.mon[0].start' */
function fieldName(instancePath: string) {
  const name = instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '')
  return name || '(the file)'
}

export class SettingsError extends AscoltoError {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(
      'ASCOLTO_ERR_VALIDATION',
      `The settings file has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`,
    )
    this.problems = problems
  }
}

export function checkSettings(input: unknown): HelplineSettings {
  const problems: string[] = []
  for (const error of Value.Errors(HelplineSettings, input)) {
    // the alternatives and the parent's "no additional properties" are said better by the field itself
    if (error.keyword === 'anyOf' || error.keyword === 'additionalProperties') continue
    const message =
      error.message === 'schema is false' ? 'is not a field of the settings file' : error.message
    problems.push(`${fieldName(error.instancePath)}: ${message}`)
  }
  if (problems.length > 0) throw new SettingsError([...new Set(problems)])
  const settings = input as HelplineSettings
  // the zone is a top-level field of the file; every other opening problem names its place in `opening`
  problems.push(
    ...checkOpeningRules(openingRulesOf(settings)).map((p) =>
      p.startsWith('unknown time zone') ? `timeZone: ${p}` : `opening.${p}`,
    ),
  )
  const [mainLanguage] = settings.languages
  const texts = {
    ...Object.fromEntries(Object.entries(settings.autoReplies).map(([k, v]) => [`autoReplies.${k}`, v])),
    ...(settings.blocking.notice ? { 'blocking.notice': settings.blocking.notice } : {}),
    ...Object.fromEntries(settings.redirects.map((r, i) => [`redirects[${i}].text`, r.text])),
    ...listLabels(settings),
  }
  for (const [field, text] of Object.entries(texts)) {
    if (mainLanguage && text && !(mainLanguage in text))
      problems.push(`${field}: needs a text in ${mainLanguage}`)
  }
  problems.push(...repeatedIds(settings))
  settings.cases?.emergency?.steps.forEach((step, i) => {
    if ((step.field === 'choices') !== (step.options !== undefined))
      problems.push(`cases.emergency.steps[${i}].options: a 'choices' step, and only one, has options`)
  })
  if (settings.autoReplies.welcome && !settings.policy) {
    problems.push('policy: the welcome carries the policy link: give its url and version')
  }
  problems.push(...checkSurveySettings(settings))
  problems.push(...checkReportForm(settings))
  if (problems.length > 0) throw new SettingsError(problems)
  return settings
}

type Labelled = { id: string; label: LocalizedText; options?: Labelled[] }
const labelledLists = ({ desk, cases }: HelplineSettings): Array<[string, Labelled[]]> => [
  ['desk.categories', desk?.categories ?? []],
  ['desk.closingForm', desk?.closingForm ?? []],
  ['desk.escalationPlaybook', desk?.escalationPlaybook ?? []],
  ['cases.emergency.steps', cases?.emergency?.steps ?? []],
]

/** The labels of the desk's and the emergency procedure's lists (and their options), by field. */
function listLabels(settings: HelplineSettings) {
  const labels: Array<[string, LocalizedText]> = []
  for (const [field, items] of labelledLists(settings)) {
    items.forEach((item, i) => {
      labels.push([`${field}[${i}].label`, item.label])
      item.options?.forEach((option, j) => {
        labels.push([`${field}[${i}].options[${j}].label`, option.label])
      })
    })
  }
  return Object.fromEntries(labels)
}

/** An id twice in one list: the statistics (and the desk's choices) could not tell them apart. */
function repeatedIds(settings: HelplineSettings) {
  const repeated = (field: string, items: Labelled[]) =>
    items.flatMap((item, i) =>
      items.findIndex((other) => other.id === item.id) < i ? [`${field}[${i}].id: repeats '${item.id}'`] : [],
    )
  return labelledLists(settings).flatMap(([field, items]) => [
    ...repeated(field, items),
    ...items.flatMap((item, i) => repeated(`${field}[${i}].options`, item.options ?? [])),
  ])
}

type HelplineRow = {
  name: string
  time_zone: string
  default_locale: string
  settings: Partial<HelplineSettings>
  version: string
}

async function readSettings(db: Queryable, helplineId: string) {
  const { rows } = await db.query<HelplineRow>(
    'select name, time_zone, default_locale, settings, xmin::text as version from helpline where id = $1',
    [helplineId],
  )
  const row = rows[0]
  if (!row) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Helpline not found')
  const base = defaultSettings(row.name, row.time_zone, row.default_locale)
  const settings: HelplineSettings = { ...base, ...row.settings, name: row.name, timeZone: row.time_zone }
  return { version: row.version, settings }
}

export async function loadHelplineSettings(db: Queryable, helplineId: string): Promise<HelplineSettings> {
  return (await readSettings(db, helplineId)).settings
}

/** Helplines whose settings an instance keeps; past it they are read afresh. */
const SETTINGS_KEPT = 1000
const keptSettings = new Map<string, { version: string; settings: HelplineSettings }>()

/**
 * The settings, kept per instance by the helpline row's version (its `xmin`, new at every update
 * of the row), which the caller read in a statement it makes anyway: read again only when the row
 * changed, so a change saved by any instance applies from the next message here. Shared: the
 * caller must not change them.
 */
export async function helplineSettingsAt(
  db: Queryable,
  helplineId: string,
  version: string | null,
): Promise<HelplineSettings> {
  const kept = keptSettings.get(helplineId)
  if (kept && version !== null && kept.version === version) return kept.settings
  const read = await readSettings(db, helplineId)
  if (keptSettings.size >= SETTINGS_KEPT) keptSettings.clear()
  keptSettings.set(helplineId, read)
  return read.settings
}

/** Replaces the helpline's settings with the file's, whole, or changes nothing. */
export async function importHelplineSettings(db: Queryable, helplineId: string, input: unknown) {
  const settings = checkSettings(input)
  const onCall = settings.desk?.onCall
  // the alert goes through a channel of this helpline that writes to an address (not the web chat)
  if (onCall) {
    const { rowCount: usable } = await db.query(
      `select 1 from channel where id = $1 and helpline_id = $2 and enabled and kind <> 'webchat'`,
      [onCall.channelId, helplineId],
    )
    if (!usable)
      throw new SettingsError([
        'desk.onCall.channelId: is not a channel of this helpline that can send the alert',
      ])
  }
  const { name, timeZone, $schema: _schema, ...rest } = settings
  const { rowCount } = await db.query(
    'update helpline set name = $2, time_zone = $3, default_locale = $4, settings = $5 where id = $1',
    [helplineId, name, timeZone, settings.languages[0], rest],
  )
  if (rowCount === 0) throw new AscoltoError('ASCOLTO_ERR_NOT_FOUND', 'Helpline not found')
  return settings
}

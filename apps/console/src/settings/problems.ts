// The server names each problem of a refused settings file by its field's path
// ("opening.weekly.mon[0].end: must match pattern …"). Here that path becomes a place the
// coordinator can find in the form (a section, a weekday, the nth row), and a test for the
// fields to mark as invalid.
import { REPLY_KINDS, type ReplyKind, WEEKDAYS, type Weekday } from './form-model.ts'

export const SECTIONS = [
  'line',
  'opening',
  'closures',
  'exceptions',
  'replies',
  'widget',
  'blocking',
  'moderation',
  'redirects',
  'retention',
  'categories',
  'closingForm',
  'playbook',
  'emergency',
  'onCall',
  'assignment',
  'survey',
] as const
export type Section = (typeof SECTIONS)[number]

/** The nth row of a list: a time range, a closure, a category, an option of a question… */
export type RowKind =
  | 'range'
  | 'exception'
  | 'closure'
  | 'redirect'
  | 'category'
  | 'question'
  | 'option'
  | 'step'
  | 'surveyQuestion'
  | 'prechatQuestion'
  | 'emergencyStep'

/** One step of a place in the form, for the screen to put in words. */
export type Step =
  | { kind: 'day'; day: Weekday }
  | { kind: RowKind; n: number }
  | { kind: 'reply'; reply: ReplyKind }
  | { kind: 'language'; code: string }
  | { kind: 'field'; name: FieldName }

export const FIELD_NAMES = [
  'name',
  'timeZone',
  'languages',
  'alwaysOpen',
  'closedOnPublicHolidays',
  'patronSaintDay',
  'policy',
  'notice',
  'keepMessagesOfBlocked',
  'autoFlag',
  'words',
  'id',
  'label',
  'date',
  'from',
  'to',
  'reason',
  'start',
  'end',
  'required',
  'options',
  'assignment',
  'maxConcurrent',
  'channelId',
  'address',
  'everyMinutes',
  'reviewFlagged',
  'requirePolicy',
  'field',
] as const
export type FieldName = (typeof FIELD_NAMES)[number]

export type Problem = {
  /** The field's path as the server wrote it; '' when the problem is about the whole file. */
  path: string
  section: Section | null
  steps: Step[]
  /** The server's words after the path. */
  detail: string
}

const PATH = /^[A-Za-z$_][\w$]*(?:\.[A-Za-z$_][\w$]*|\[\d+\])*/

const isField = (name: string): name is FieldName => (FIELD_NAMES as readonly string[]).includes(name)
const isDay = (name: string): name is Weekday => (WEEKDAYS as readonly string[]).includes(name)
const isReply = (name: string): name is ReplyKind => (REPLY_KINDS as readonly string[]).includes(name)

function sectionOf(head: string, next: unknown): Section | null {
  switch (head) {
    case 'name':
    case 'timeZone':
    case 'languages':
      return 'line'
    case 'opening':
      return next === 'closures' || next === 'exceptions' ? next : 'opening'
    case 'autoReplies':
    case 'policy':
      return 'replies'
    case 'blocking':
      return 'blocking'
    case 'moderation':
      return 'moderation'
    case 'redirects':
      return 'redirects'
    case 'retention':
      return 'retention'
    case 'desk':
      return next === 'categories'
        ? 'categories'
        : next === 'closingForm'
          ? 'closingForm'
          : next === 'escalationPlaybook'
            ? 'playbook'
            : next === 'onCall' || next === 'reviewFlagged'
              ? 'onCall'
              : next === 'assignment' || next === 'maxConcurrent'
                ? 'assignment'
                : null
    case 'survey':
      return 'survey'
    case 'widget':
      return 'widget'
    case 'cases':
      return next === 'emergency' ? 'emergency' : null
    default:
      return null
  }
}

// the rows of a list, by the list's name in the file (or, where two lists share one, with its section's)
const ROWS: Record<string, RowKind> = {
  'widget.questions': 'prechatQuestion',
  steps: 'emergencyStep',
  exceptions: 'exception',
  closures: 'closure',
  redirects: 'redirect',
  categories: 'category',
  closingForm: 'question',
  options: 'option',
  escalationPlaybook: 'step',
  ranges: 'range',
  questions: 'surveyQuestion',
}

const NAMED_ROWS = new Set([
  'categories',
  'closingForm',
  'options',
  'escalationPlaybook',
  'questions',
  'steps',
])

/** 'opening.weekly.mon[0].end' → ['opening', 'weekly', 'mon', 0, 'end'] */
export function pathParts(path: string): Array<string | number> {
  return [...path.matchAll(/[^.[\]]+|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]))
}

function stepsOf(parts: Array<string | number>): Step[] {
  const steps: Step[] = []
  const head = String(parts[0] ?? '')
  let container = ''
  for (const part of parts) {
    if (typeof part === 'number') {
      const kind = isDay(container) ? 'range' : (ROWS[`${head}.${container}`] ?? ROWS[container])
      if (kind) steps.push({ kind, n: part + 1 })
    } else if (isDay(part)) steps.push({ kind: 'day', day: part })
    else if (isReply(part)) steps.push({ kind: 'reply', reply: part })
    else if (
      /^[a-z]{2}$/.test(part) &&
      ['welcome', 'outOfHours', 'holiday', 'notice', 'text', 'label'].includes(container)
    )
      steps.push({ kind: 'language', code: part })
    // a category's (an option's, a step's) name is said by its row already
    else if (isField(part) && !(part === 'label' && NAMED_ROWS.has(container)))
      steps.push({ kind: 'field', name: part })
    container = typeof part === 'string' ? part : container
  }
  return steps
}

export function describeProblem(problem: string): Problem {
  const path = PATH.exec(problem)?.[0] ?? ''
  const detail = problem.slice(path.length).replace(/^[\s:]+/, '') || problem
  const parts = pathParts(path)
  const head = typeof parts[0] === 'string' ? parts[0] : ''
  return { path, section: sectionOf(head, parts[1]), steps: stepsOf(parts), detail }
}

/**
 * Whether a field at `field` is named by a problem at `problem`: the same field, one inside it
 * (a word of the list), or one around it (a time range, for its start and end).
 */
export function concerns(problem: string, field: string): boolean {
  if (!problem || !field) return false
  const within = (inner: string, outer: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`)
  return within(problem, field) || within(field, problem)
}

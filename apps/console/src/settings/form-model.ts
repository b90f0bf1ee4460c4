// The settings file as the form edits it, and back. The form keeps what a person types (text in
// every field, empty rows included) so the server, the one judge of a settings file, can name
// what is wrong by the same paths it uses; fields the form does not show pass through untouched.
import type { HelplineSettings } from '@ascolto/protocol'
import { type EmergencyStepForm, emergencyFromForm, emergencyToForm } from './emergency-form.ts'
import { labelled, labelledOf, localized, numberOrText, slug, text, textsOf, withIds } from './form-parts.ts'
import { list, object } from './loose.ts'
import { type SurveyForm, surveyFromForm, surveyToForm } from './survey-form.ts'
import { type WidgetForm, widgetFromForm, widgetToForm } from './widget-form.ts'

export { slug }

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const REPLY_KINDS = ['welcome', 'outOfHours', 'holiday', 'closure', 'urgent'] as const
export type ReplyKind = (typeof REPLY_KINDS)[number]

/** A text per language code; an empty text means none in that language. */
export type Texts = Record<string, string>
export type RangeForm = { start: string; end: string }
export type ClosureForm = { from: string; to: string; reason: string }
export type ExceptionForm = { date: string; closed: boolean; ranges: RangeForm[]; reason: string }
export type RedirectForm = { id: string; label: string; text: Texts }
/** A category, a playbook step, an option of a question: an id kept across renames, a name per language. */
export type LabelledForm = { id: string; label: Texts }
export type QuestionForm = LabelledForm & { required: boolean; options: LabelledForm[] }
export type Assignment = 'manual' | 'automatic'
/** Who is alerted of a safeguarding flag outside the console; all empty: nobody. */
export type OnCallForm = { channelId: string; address: string; everyMinutes: string }

export type SettingsForm = {
  /** The file as loaded or imported: what the form does not edit is sent back as it came. */
  base: Record<string, unknown>
  name: string
  timeZone: string
  /** Language codes as typed: "it, en". */
  languages: string
  alwaysOpen: boolean
  weekly: Record<Weekday, RangeForm[]>
  closedOnPublicHolidays: boolean
  patron: { month: string; day: string; name: string }
  closures: ClosureForm[]
  exceptions: ExceptionForm[]
  replies: Record<ReplyKind, Texts>
  policy: { url: string; version: string }
  keepMessagesOfBlocked: boolean
  notice: Texts
  autoFlag: boolean
  /** statistics.perOperator: coordinators see the figures per operator */
  perOperator: boolean
  /** One word or phrase per line. */
  words: string
  redirects: RedirectForm[]
  retentionMonths: string
  categories: LabelledForm[]
  closingForm: QuestionForm[]
  playbook: LabelledForm[]
  assignment: Assignment
  /** Conversations one volunteer handles at once; empty: no limit. */
  maxConcurrent: string
  /** Minutes a conversation stays alive after a reply from the line; empty: the default (60). */
  stillAliveMinutes: string
  /** Hours after a close within which the person's next message reopens it; empty: the default (24). */
  reopenHours: string
  onCall: OnCallForm
  /** Every conversation with a safeguarding flag goes to clinical review at close. */
  reviewFlagged: boolean
  survey: SurveyForm
  /** The widget shows a waiting person their place and expected wait (`wait.show`, on unless false). */
  showWait: boolean
  /** The chat on the helpline's site: the policy to accept and the questions before the chat. */
  widget: WidgetForm
  /** The emergency take-in procedure of a case; none: no emergency take-in offered. */
  emergency: EmergencyStepForm[]
}

const rangeOf = (value: unknown): RangeForm => ({
  start: text(object(value).start),
  end: text(object(value).end),
})

export function parseLanguages(typed: string): string[] {
  return typed
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean)
}

export function toForm(file: unknown): SettingsForm {
  const settings = object(file)
  const opening = object(settings.opening)
  const weekly = object(opening.weekly)
  const patron = object(opening.patronSaintDay)
  const replies = object(settings.autoReplies)
  const policy = object(settings.policy)
  const blocking = object(settings.blocking)
  const moderation = object(settings.moderation)
  const desk = object(settings.desk)
  return {
    base: settings,
    name: text(settings.name),
    timeZone: text(settings.timeZone),
    languages: list(settings.languages).map(text).join(', '),
    alwaysOpen: opening.alwaysOpen === true,
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, list(weekly[day]).map(rangeOf)])) as Record<
      Weekday,
      RangeForm[]
    >,
    closedOnPublicHolidays: opening.closedOnPublicHolidays === true,
    patron: { month: text(patron.month), day: text(patron.day), name: text(patron.name) },
    closures: list(opening.closures).map((c) => ({
      from: text(object(c).from),
      to: text(object(c).to),
      reason: text(object(c).reason),
    })),
    exceptions: list(opening.exceptions).map((e) => ({
      date: text(object(e).date),
      closed: object(e).closed === true,
      ranges: list(object(e).ranges).map(rangeOf),
      reason: text(object(e).reason),
    })),
    replies: {
      welcome: textsOf(replies.welcome),
      outOfHours: textsOf(replies.outOfHours),
      holiday: textsOf(replies.holiday),
      closure: textsOf(replies.closure),
      urgent: textsOf(replies.urgent),
    },

    policy: { url: text(policy.url), version: text(policy.version) },
    keepMessagesOfBlocked: blocking.keepMessagesOfBlocked === true,
    notice: textsOf(blocking.notice),
    autoFlag: moderation.autoFlag === true,
    perOperator: object(settings.statistics).perOperator === true,
    words: list(moderation.words).map(text).join('\n'),
    redirects: list(settings.redirects).map((r) => ({
      id: text(object(r).id),
      label: text(object(r).label),
      text: textsOf(object(r).text),
    })),
    retentionMonths: text(object(settings.retention).months),
    categories: list(desk.categories).map(labelledOf),
    closingForm: list(desk.closingForm).map((q) => ({
      ...labelledOf(q),
      required: object(q).required === true,
      options: list(object(q).options).map(labelledOf),
    })),
    playbook: list(desk.escalationPlaybook).map(labelledOf),
    assignment: desk.assignment === 'automatic' ? 'automatic' : 'manual',
    maxConcurrent: text(desk.maxConcurrent),
    stillAliveMinutes: text(desk.stillAliveMinutes),
    reopenHours: text(desk.reopenHours),
    onCall: {
      channelId: text(object(desk.onCall).channelId),
      address: text(object(desk.onCall).address),
      everyMinutes: text(object(desk.onCall).everyMinutes),
    },
    reviewFlagged: desk.reviewFlagged === true,
    survey: surveyToForm(settings.survey, textsOf),
    showWait: object(settings.wait).show !== false,
    widget: widgetToForm(settings.widget),
    emergency: emergencyToForm(settings.cases),
  }
}

/** The desk's part of the file; lists left empty are not written, as a file without them says the same. */
function deskOf(form: SettingsForm, languages: string[]) {
  const {
    categories: _c,
    closingForm: _f,
    escalationPlaybook: _p,
    assignment,
    maxConcurrent: _m,
    stillAliveMinutes: _s,
    reopenHours: _r,
    onCall: _o,
    reviewFlagged,
    ...rest
  } = object(form.base.desk)
  const { channelId, address, everyMinutes } = form.onCall
  const lists = {
    categories: withIds(form.categories, languages, 'category').map((c) => labelled(c, languages)),
    closingForm: withIds(form.closingForm, languages, 'question').map((q) => ({
      ...labelled(q, languages),
      ...(q.required ? { required: true } : {}),
      options: withIds(q.options, languages, 'option').map((o) => labelled(o, languages)),
    })),
    escalationPlaybook: withIds(form.playbook, languages, 'step').map((s) => labelled(s, languages)),
  }
  const desk = {
    ...rest,
    ...Object.fromEntries(Object.entries(lists).filter(([, items]) => items.length > 0)),
    // manual is what a file without it means: written only when chosen over a file that said otherwise
    ...(form.assignment === 'automatic' || assignment !== undefined ? { assignment: form.assignment } : {}),
    ...(form.maxConcurrent.trim() ? { maxConcurrent: numberOrText(form.maxConcurrent) } : {}),
    ...(form.stillAliveMinutes.trim() ? { stillAliveMinutes: numberOrText(form.stillAliveMinutes) } : {}),
    ...(form.reopenHours.trim() ? { reopenHours: numberOrText(form.reopenHours) } : {}),
    // anything typed is sent, for the server to name what is missing (a number without a channel)
    ...(channelId || address.trim() || everyMinutes.trim()
      ? {
          onCall: {
            channelId,
            address: address.trim(),
            ...(everyMinutes.trim() ? { everyMinutes: numberOrText(everyMinutes) } : {}),
          },
        }
      : {}),
    ...(form.reviewFlagged || reviewFlagged !== undefined ? { reviewFlagged: form.reviewFlagged } : {}),
  }
  return Object.keys(desk).length > 0 ? { desk } : {}
}

/** `wait`: `show: false` only when turned off (on is what a file without it means); its message as it came. */
function waitOf(form: SettingsForm) {
  const { show: _show, ...rest } = object(form.base.wait)
  const wait = { ...rest, ...(form.showWait ? {} : { show: false }) }
  return Object.keys(wait).length > 0 ? { wait } : {}
}

const withReason = <T extends object>(value: T, reason: string) =>
  reason.trim() ? { ...value, reason: reason.trim() } : value

/** The settings file to send: the whole object, as PUT expects it. */
export function fromForm(form: SettingsForm): HelplineSettings {
  const languages = parseLanguages(form.languages)
  const {
    policy: _policy,
    desk: _desk,
    survey: _survey,
    wait: _wait,
    widget: _widget,
    cases: _cases,
    ...base
  } = form.base
  const { patronSaintDay: _patron, alwaysOpen: _always, ...openingRest } = object(base.opening)
  const { notice: _notice, ...blockingRest } = object(base.blocking)
  // a text emptied in the form is gone from the file; replies of kinds this console does not know stay
  const otherReplies = Object.fromEntries(
    Object.entries(object(base.autoReplies)).filter(
      ([kind]) => !(REPLY_KINDS as readonly string[]).includes(kind),
    ),
  )
  const { url, version } = form.policy
  const { month, day, name } = form.patron
  const replies = Object.fromEntries(
    REPLY_KINDS.map((kind) => [kind, localized(form.replies[kind], languages)]).filter(([, t]) => t),
  )
  const notice = localized(form.notice, languages)
  const survey = surveyFromForm(form.survey, (texts) => localized(texts, languages))
  const weekly = Object.fromEntries(
    WEEKDAYS.filter((d) => form.weekly[d].length > 0).map((d) => [d, form.weekly[d]]),
  )
  const settings = {
    ...base,
    name: form.name,
    timeZone: form.timeZone,
    languages,
    opening: {
      ...openingRest,
      ...(form.alwaysOpen ? { alwaysOpen: true } : {}),
      weekly,
      exceptions: form.exceptions.map((e) =>
        withReason(e.closed ? { date: e.date, closed: true } : { date: e.date, ranges: e.ranges }, e.reason),
      ),
      closures: form.closures.map((c) => withReason({ from: c.from, to: c.to }, c.reason)),
      closedOnPublicHolidays: form.closedOnPublicHolidays,
      ...(month || day
        ? {
            patronSaintDay: {
              month: numberOrText(month),
              day: numberOrText(day),
              ...(name.trim() ? { name: name.trim() } : {}),
            },
          }
        : {}),
    },
    ...(url.trim() || version.trim() ? { policy: { url: url.trim(), version: version.trim() } } : {}),
    autoReplies: { ...otherReplies, ...replies },
    blocking: {
      ...blockingRest,
      keepMessagesOfBlocked: form.keepMessagesOfBlocked,
      ...(notice ? { notice } : {}),
    },
    moderation: {
      ...object(base.moderation),
      autoFlag: form.autoFlag,
      words: form.words
        .split('\n')
        .map((word) => word.trim())
        .filter(Boolean),
    },
    redirects: form.redirects.map((r) => ({
      id: r.id.trim() || slug(r.label),
      label: r.label.trim(),
      text: localized(r.text, languages) ?? {},
    })),
    retention: { ...object(base.retention), months: numberOrText(form.retentionMonths) },
    ...deskOf(form, languages),
    ...(survey ? { survey } : {}),
    ...waitOf(form),
    ...statisticsOf(form),
    ...widgetFromForm(form.widget, object(form.base.widget), languages),
    ...emergencyFromForm(form.emergency, object(form.base.cases), languages),
  }
  // what the server checks, it checks: the form's types are a wish, not a guarantee
  return settings as unknown as HelplineSettings
}

/** The statistics settings with the form's switch; an off switch the file never had stays unwritten. */
function statisticsOf(form: SettingsForm) {
  const { perOperator, ...rest } = object(form.base.statistics)
  const statistics = {
    ...rest,
    ...(form.perOperator || perOperator !== undefined ? { perOperator: form.perOperator } : {}),
  }
  return Object.keys(statistics).length > 0 ? { statistics } : {}
}

// keys in a fixed order, so two files that say the same compare equal whatever order they were written in
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key, v]) => key !== '$schema' && v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, v]) => [key, canonical(v)]),
        )
      : value

/** Whether the form says what the saved file says (to tell the coordinator about unsaved changes). */
export const sameSettings = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))

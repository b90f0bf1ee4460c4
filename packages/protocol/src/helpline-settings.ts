// A helpline's own rules as one settings file: what a coordinator edits in the console, imports
// and exports with the CLI. docs/helpline-settings.schema.json is generated from this schema.
import Type, { type Static } from 'typebox'

const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: "local time 'HH:MM'" })
const EndTime = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  description: "local time 'HH:MM' or '24:00'; before the start: the range crosses midnight",
})
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "a date 'YYYY-MM-DD'" })
const Language = Type.String({ pattern: '^[a-z]{2}$' })
const Strict = { additionalProperties: false } as const

export const TimeRange = Type.Object({ start: Time, end: EndTime }, Strict)
const Ranges = Type.Array(TimeRange, { maxItems: 12 })

/** A text in the helpline's languages: { "it": "…", "en": "…" }. */
export const LocalizedText = Type.Record(Language, Type.String({ minLength: 1, maxLength: 2000 }), {
  minProperties: 1,
})
export type LocalizedText = Static<typeof LocalizedText>

// ---- the desk: the helpline's own categories, closing form, escalation playbook, assignment ----

export const ItemId = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })
export const Labelled = Type.Object({ id: ItemId, label: LocalizedText }, Strict)

export const DeskSettings = Type.Object(
  {
    categories: Type.Optional(
      Type.Array(Labelled, {
        maxItems: 100,
        description: 'what conversations are about, chosen at close; counted in the statistics',
      }),
    ),
    closingForm: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: ItemId,
            label: LocalizedText,
            options: Type.Array(Labelled, { minItems: 2, maxItems: 30 }),
            required: Type.Optional(Type.Boolean()),
          },
          Strict,
        ),
        { maxItems: 20, description: 'outcome questions answered when closing; counted in the statistics' },
      ),
    ),
    escalationPlaybook: Type.Optional(
      Type.Array(Labelled, {
        maxItems: 30,
        description: 'the steps after a safeguarding flag, each ticked with time and person',
      }),
    ),
    assignment: Type.Optional(Type.Union([Type.Literal('manual'), Type.Literal('automatic')])),
    maxConcurrent: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, description: 'conversations one volunteer handles at once' }),
    ),
    stillAliveMinutes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1440,
        description:
          'a conversation is still alive this many minutes after a reply from the line (default 60): no closed-hours reply then, nor while it is taken or assigned',
      }),
    ),
    reopenHours: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 168,
        description:
          'a person who writes again this many hours after a close goes on in the same conversation, offered first to the volunteer who had it (default 24; 0: always a new one)',
      }),
    ),
    onCall: Type.Optional(
      Type.Object(
        {
          channelId: Type.String({
            format: 'uuid',
            description: "one of the helpline's channels (SMS, e-mail…)",
          }),
          address: Type.String({
            minLength: 3,
            maxLength: 320,
            description: "the on-call supervisor's number or e-mail",
          }),
          everyMinutes: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 120, description: 'again until acknowledged; default 5' }),
          ),
        },
        { ...Strict, description: 'who is alerted outside the console when a safeguarding flag is raised' },
      ),
    ),
    reviewFlagged: Type.Optional(
      Type.Boolean({
        description: 'every conversation with a safeguarding flag goes to clinical review at close',
      }),
    ),
  },
  Strict,
)
export type DeskSettings = Static<typeof DeskSettings>

// ---- cases: the emergency take-in procedure ----

/** What a step of the emergency procedure records. */
export const EMERGENCY_FIELDS = ['text', 'place', 'yes-no', 'choices', 'when'] as const
export type EmergencyField = (typeof EMERGENCY_FIELDS)[number]

export const EmergencyStep = Type.Object(
  {
    id: ItemId,
    label: LocalizedText,
    field: Type.Unsafe<EmergencyField>(
      Type.Union(
        EMERGENCY_FIELDS.map((f) => Type.Literal(f)),
        {
          description:
            "'text'; 'place': where the person is, left out of an export unless revealed; 'yes-no'; 'choices': some of `options`; 'when': a date and time",
        },
      ),
    ),
    options: Type.Optional(Type.Array(Labelled, { minItems: 2, maxItems: 30 })),
  },
  Strict,
)
export type EmergencyStep = Static<typeof EmergencyStep>

export const CaseSettings = Type.Object(
  {
    emergency: Type.Optional(
      Type.Object(
        {
          steps: Type.Array(EmergencyStep, {
            minItems: 1,
            maxItems: 30,
            description:
              'the emergency take-in procedure: each step recorded with its value, time and who did it',
          }),
        },
        Strict,
      ),
    ),
  },
  Strict,
)
export type CaseSettings = Static<typeof CaseSettings>

export const OpeningSettings = Type.Object(
  {
    alwaysOpen: Type.Optional(Type.Boolean({ description: '24/7' })),
    weekly: Type.Object(
      {
        mon: Type.Optional(Ranges),
        tue: Type.Optional(Ranges),
        wed: Type.Optional(Ranges),
        thu: Type.Optional(Ranges),
        fri: Type.Optional(Ranges),
        sat: Type.Optional(Ranges),
        sun: Type.Optional(Ranges),
      },
      Strict,
    ),
    exceptions: Type.Array(
      Type.Union([
        Type.Object({ date: Day, closed: Type.Literal(true), reason: Type.Optional(Type.String()) }, Strict),
        Type.Object({ date: Day, ranges: Ranges, reason: Type.Optional(Type.String()) }, Strict),
      ]),
      { maxItems: 500 },
    ),
    closures: Type.Array(Type.Object({ from: Day, to: Day, reason: Type.Optional(Type.String()) }, Strict), {
      maxItems: 500,
    }),
    closedOnPublicHolidays: Type.Boolean(),
    patronSaintDay: Type.Optional(
      Type.Object(
        {
          month: Type.Integer({ minimum: 1, maximum: 12 }),
          day: Type.Integer({ minimum: 1, maximum: 31 }),
          name: Type.Optional(Type.String()),
        },
        Strict,
      ),
    ),
    alwaysOpenDueMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
  },
  Strict,
)

/** The web chat on the helpline's own site. */
export const WidgetSettings = Type.Object(
  {
    allowedOrigins: Type.Optional(
      Type.Array(Type.String({ pattern: '^https?://[^/?#]+$', maxLength: 200 }), {
        maxItems: 50,
        description: "the sites that may carry the chat, e.g. 'https://www.example.org'; absent: any site",
      }),
    ),
    keepSession: Type.Optional(
      Type.Boolean({
        description: 'the conversation survives a reload of the tab (session storage); default: true',
      }),
    ),
    pageTitle: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "the full-page chat's title, kept in the browser's history; default: 'Chat'",
      }),
    ),
    requirePolicy: Type.Optional(
      Type.Boolean({ description: 'the person accepts the policy (policy.url) before the first message' }),
    ),
    questions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
            label: LocalizedText,
            options: Type.Array(
              Type.Object(
                { id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), label: LocalizedText },
                Strict,
              ),
              { minItems: 2, maxItems: 12 },
            ),
            required: Type.Optional(Type.Boolean()),
          },
          Strict,
        ),
        { maxItems: 5, description: 'short questions before the chat, e.g. age band, topic, language' },
      ),
    ),
  },
  Strict,
)
export type WidgetSettings = Static<typeof WidgetSettings>

/** The doors a survey can go through: the widget shows it as a form, text channels send its first scale question. */
export const SurveyChannelKind = Type.Union([
  Type.Literal('webchat'),
  Type.Literal('whatsapp'),
  Type.Literal('twilio'),
  Type.Literal('telegram'),
])
export type SurveyChannelKind = Static<typeof SurveyChannelKind>

/** The short survey after a conversation closes; its answers are anonymous facts for the statistics. */
export const SurveySettings = Type.Object(
  {
    channelKinds: Type.Array(SurveyChannelKind, {
      uniqueItems: true,
      maxItems: 4,
      description:
        "the kinds of door that get it, e.g. ['webchat']; 'twilio' is SMS; every door of a kind listed",
    }),
    questions: Type.Array(
      Type.Object(
        {
          id: ItemId,
          /** scale: 1 (not at all) to 5 (very much); yesNo: yes or no */
          kind: Type.Union([Type.Literal('scale'), Type.Literal('yesNo')]),
          text: LocalizedText,
        },
        Strict,
      ),
      {
        minItems: 1,
        maxItems: 3,
        description: 'at most three; every answer optional; text channels ask only the first scale question',
      },
    ),
  },
  Strict,
)
export type SurveySettings = Static<typeof SurveySettings>

/** A question of the report form: free text, a choice, a date, a place (free text), yes or no. */
export const ReportQuestionSettings = Type.Object(
  {
    id: ItemId,
    type: Type.Union([
      Type.Literal('text'),
      Type.Literal('choice'),
      Type.Literal('date'),
      Type.Literal('place'),
      Type.Literal('yesNo'),
    ]),
    label: LocalizedText,
    help: Type.Optional(LocalizedText),
    options: Type.Optional(
      Type.Array(Labelled, { minItems: 2, maxItems: 30, description: "the answers of a 'choice' question" }),
    ),
    required: Type.Optional(Type.Boolean()),
  },
  Strict,
)
export type ReportQuestionSettings = Static<typeof ReportQuestionSettings>

/** "Segnala": the anonymous report form, answered on the helpline's report door with a receipt code. */
export const ReportFormSettings = Type.Object(
  {
    title: LocalizedText,
    intro: Type.Optional(LocalizedText),
    questions: Type.Array(ReportQuestionSettings, {
      minItems: 1,
      maxItems: 30,
      description:
        "a 'choice' question lists its options; answers to choices and yes/no are counted in the statistics",
    }),
  },
  Strict,
)
export type ReportFormSettings = Static<typeof ReportFormSettings>

/** How a call in hours reaches the people who answer it. */
export const CallSettings = Type.Object(
  {
    ring: Type.Union([Type.Literal('together'), Type.Literal('in_turn')], {
      description:
        "'together': the phones of every operator who can answer at once (available, and on shift where the helpline keeps a rota); 'in_turn': one after the other; then the door's own number, then the voicemail",
    }),
  },
  Strict,
)
export type CallSettings = Static<typeof CallSettings>

// ---- the wait a person sees: their place in the queue and the expected wait ----

export const WaitSettings = Type.Object(
  {
    show: Type.Optional(
      Type.Boolean({
        description:
          'the widget shows a waiting person their place and expected wait (default true); false: nothing about the wait',
      }),
    ),
    /** On messaging doors, said once per conversation to a person left waiting while the line is open. */
    message: Type.Optional(LocalizedText),
  },
  {
    ...Strict,
    description:
      "message: none, not sent (the default). Its placeholders: {place} ('3ª' / '3rd') and {wait} ('circa 10 minuti' / 'entro le 21:30')",
  },
)
export type WaitSettings = Static<typeof WaitSettings>

// ---- statistics: what the figures a person reads or exports may show ----

/** Fewer people than this in a cell of a table and the cell is shown as '<5': never below 5. */
export const MINIMUM_CELL = 5

export const StatisticsSettings = Type.Object(
  {
    minimumCell: Type.Optional(
      Type.Integer({
        minimum: MINIMUM_CELL,
        maximum: 100,
        description:
          "a count below this is shown as '<5' (the number is this one) on the screen, in the exports and the period report, and the cells that would give it away are hidden too; default and lowest: 5",
      }),
    ),
    perOperator: Type.Optional(
      Type.Boolean({
        description:
          'coordinators may see conversations handled and their times per operator, listed by name (never ranked); default: off',
      }),
    ),
  },
  Strict,
)
export type StatisticsSettings = Static<typeof StatisticsSettings>
// ---- automatic triage: the helpline's own phrases, and kinds it does not want raised ----

/** What a message can be about, as triage names it. */
export const TRIAGE_KINDS = [
  'suicide_self_harm',
  'violence_abuse',
  'minor_at_risk',
  'trafficking_exploitation',
  'substance_emergency',
] as const
export const TriageKind = Type.Union([
  Type.Literal('suicide_self_harm'),
  Type.Literal('violence_abuse'),
  Type.Literal('minor_at_risk'),
  Type.Literal('trafficking_exploitation'),
  Type.Literal('substance_emergency'),
])
export type TriageKind = (typeof TRIAGE_KINDS)[number]

export const TriageSettings = Type.Object(
  {
    phrases: Type.Optional(
      Type.Array(
        Type.Object(
          {
            text: Type.String({
              minLength: 2,
              maxLength: 100,
              description: 'matched as whole words, accents and case ignored',
            }),
            kind: TriageKind,
            level: Type.Union([Type.Literal('medium'), Type.Literal('high'), Type.Literal('imminent')]),
          },
          Strict,
        ),
        {
          maxItems: 1000,
          description: "the helpline's own phrases, on top of the built-in ones (negation still applies)",
        },
      ),
    ),
    kindsOff: Type.Optional(
      Type.Array(TriageKind, { uniqueItems: true, description: 'kinds this helpline does not raise' }),
    ),
  },
  Strict,
)
export type TriageSettings = Static<typeof TriageSettings>

export const HelplineSettings = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.String({ minLength: 1, description: "IANA time zone, e.g. 'Europe/Rome'" }),
    /** The first is the default language of the replies. */
    languages: Type.Array(Language, { minItems: 1, maxItems: 10, uniqueItems: true }),
    opening: OpeningSettings,
    desk: Type.Optional(DeskSettings),
    policy: Type.Optional(
      Type.Object(
        {
          url: Type.String({ pattern: '^https?://' }),
          version: Type.String({ minLength: 1, maxLength: 50 }),
        },
        Strict,
      ),
    ),
    autoReplies: Type.Object(
      {
        welcome: Type.Optional(LocalizedText),
        outOfHours: Type.Optional(LocalizedText),
        holiday: Type.Optional(LocalizedText),
        /** A closure period or closed day that is not a public holiday; without it, outOfHours. */
        closure: Type.Optional(LocalizedText),
        /**
         * After the closed reply, when a message reads as an imminent risk (triage): where to find
         * help now, as nobody of the line will read it before the opening. Without it, nothing more.
         */
        urgent: Type.Optional(LocalizedText),
      },
      { ...Strict, description: 'Placeholders: {policyUrl} in the welcome, {nextOpening} in the others' },
    ),
    blocking: Type.Object(
      {
        keepMessagesOfBlocked: Type.Boolean({
          description:
            'keep (hidden) what a blocked person sends, e.g. as evidence of threats; default: drop it',
        }),
        notice: Type.Optional(LocalizedText),
      },
      Strict,
    ),
    moderation: Type.Object(
      {
        autoFlag: Type.Boolean(),
        words: Type.Array(Type.String({ minLength: 2, maxLength: 100 }), { maxItems: 5000 }),
      },
      Strict,
    ),
    triage: Type.Optional(TriageSettings),
    redirects: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
          label: Type.String({ minLength: 1, maxLength: 100 }),
          text: LocalizedText,
        },
        Strict,
      ),
      { maxItems: 100 },
    ),
    retention: Type.Object(
      {
        months: Type.Integer({ minimum: 1, maximum: 120, description: 'months after the last message' }),
        auditYears: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 30,
            description: 'years the audit log keeps its rows (default 5); only their counts by month stay',
          }),
        ),
      },
      Strict,
    ),
    privacy: Type.Optional(
      Type.Object(
        {
          dataProtectionContact: Type.String({
            maxLength: 254,
            pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
            description:
              "the data-protection contact's e-mail: told of every reveal of an address and every export (pseudonym, who, why), through the helpline's mailbox",
          }),
        },
        Strict,
      ),
    ),
    widget: Type.Optional(WidgetSettings),
    survey: Type.Optional(SurveySettings),
    calls: Type.Optional(CallSettings),
    reportForm: Type.Optional(ReportFormSettings),
    cases: Type.Optional(CaseSettings),
    wait: Type.Optional(WaitSettings),
    statistics: Type.Optional(StatisticsSettings),
  },
  Strict,
)
export type HelplineSettings = Static<typeof HelplineSettings>

/** What the rules do at one moment: the console's preview for a coordinator. */
export const RulesPreview = Type.Object({
  at: Type.String(),
  timeZone: Type.String(),
  open: Type.Boolean(),
  openUntil: Type.Union([Type.String(), Type.Null()]),
  closedBy: Type.Union([
    Type.Literal('hours'),
    Type.Literal('holiday'),
    Type.Literal('closure'),
    Type.Literal('exception'),
    Type.Null(),
  ]),
  closedReason: Type.Union([Type.String(), Type.Null()]),
  nextOpening: Type.Union([Type.Object({ at: Type.String(), phrase: Type.String() }), Type.Null()]),
  replies: Type.Array(
    Type.Object({
      kind: Type.Union([
        Type.Literal('welcome'),
        Type.Literal('out_of_hours'),
        Type.Literal('holiday'),
        Type.Literal('closure'),
        Type.Literal('urgent'),
      ]),
      language: Type.String(),
      text: Type.String(),
    }),
  ),
  dueAt: Type.String(),
})
export type RulesPreview = Static<typeof RulesPreview>

export const PreviewQuery = Type.Object(
  {
    /** ISO date and time; without an offset, local time in the helpline's zone. Default: now. */
    at: Type.Optional(Type.String({ maxLength: 40 })),
    firstMessageEver: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  },
  { additionalProperties: false },
)
export type PreviewQuery = Static<typeof PreviewQuery>

/** What-if: the preview of a settings file not saved yet (checked whole, as saving would). */
export const PreviewDraftBody = Type.Object(
  {
    settings: Type.Unknown(),
    /** As in PreviewQuery: without an offset, local time in the draft's zone. Default: now. */
    at: Type.Optional(Type.String({ maxLength: 40 })),
    firstMessageEver: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type PreviewDraftBody = Static<typeof PreviewDraftBody>

/** For the settings form: the helpline's enabled channels that can carry the on-call alert. */
export const HelplineChannelList = Type.Object({
  channels: Type.Array(
    Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.String(), name: Type.String() }),
  ),
})
export type HelplineChannelList = Static<typeof HelplineChannelList>

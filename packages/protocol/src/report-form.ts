// "Segnala": the anonymous report form as the page, the widget's report mode and the WordPress
// shortcode see it, and the receipt code a reporter comes back with (apps/server/src/routes/report).
import Type, { type Static } from 'typebox'

const Id = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })
const Texts = Type.Record(Type.String({ pattern: '^[a-z]{2}$' }), Type.String())

/** Longest answer to one question, and longest message added later. */
export const REPORT_ANSWER_MAX = 4000

export const ReportQuestionType = Type.Union([
  Type.Literal('text'),
  Type.Literal('choice'),
  Type.Literal('date'),
  Type.Literal('place'),
  Type.Literal('yesNo'),
])
export type ReportQuestionType = Static<typeof ReportQuestionType>

/** The form in every language the helpline wrote it in: the page picks one. */
export const ReportFormInfo = Type.Object({
  languages: Type.Array(Type.String()),
  title: Texts,
  intro: Type.Union([Texts, Type.Null()]),
  questions: Type.Array(
    Type.Object({
      id: Id,
      type: ReportQuestionType,
      label: Texts,
      help: Type.Union([Texts, Type.Null()]),
      options: Type.Array(Type.Object({ id: Id, label: Texts })),
      required: Type.Boolean(),
    }),
  ),
})
export type ReportFormInfo = Static<typeof ReportFormInfo>

/** ALTCHA's proof-of-work challenge (altcha-lib): find the number whose SHA-256 with the salt is `challenge`. */
export const ReportChallenge = Type.Object({
  algorithm: Type.String(),
  challenge: Type.String(),
  maxnumber: Type.Optional(Type.Number()),
  salt: Type.String(),
  signature: Type.String(),
})
export type ReportChallenge = Static<typeof ReportChallenge>

/** The answers by question id (a choice: the option's id; yes/no: 'yes' | 'no'; a date: YYYY-MM-DD). */
export const ReportSubmitBody = Type.Object(
  {
    answers: Type.Record(Id, Type.String({ maxLength: REPORT_ANSWER_MAX }), { maxProperties: 30 }),
    /** the language the reporter read the form in */
    language: Type.String({ pattern: '^[a-z]{2}$' }),
    /** the solved challenge, base64 JSON as ALTCHA's widget sends it */
    altcha: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
)
export type ReportSubmitBody = Static<typeof ReportSubmitBody>

/** Shown once: the only way back to the report. */
export const ReportReceipt = Type.Object({ code: Type.String() })
export type ReportReceipt = Static<typeof ReportReceipt>

const Code = Type.String({ minLength: 1, maxLength: 64 })

export const ReportThreadBody = Type.Object({ code: Code }, { additionalProperties: false })
export type ReportThreadBody = Static<typeof ReportThreadBody>

export const ReportAddBody = Type.Object(
  {
    code: Code,
    /** the page's id for this message, the same on a retry: stored once */
    clientId: Type.String({ format: 'uuid' }),
    text: Type.String({ minLength: 1, maxLength: REPORT_ANSWER_MAX }),
  },
  { additionalProperties: false },
)
export type ReportAddBody = Static<typeof ReportAddBody>

/** One answer of a report as it was sent: the label in the language of the form the reporter read. */
export const ReportAnswer = Type.Object({
  id: Id,
  type: ReportQuestionType,
  label: Type.String(),
  value: Type.String(),
})
export type ReportAnswer = Static<typeof ReportAnswer>

/** The body of a report's first message (kind 'report'): what the desk lays out as a form. */
export type ReportMessageBody = { report: ReportAnswer[] }

/** The thread the receipt code opens: the report, the line's answers, what the reporter added. */
export const ReportThread = Type.Object({
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
      text: Type.String(),
      createdAt: Type.String(),
      fromLine: Type.Boolean(),
    }),
  ),
})
export type ReportThread = Static<typeof ReportThread>

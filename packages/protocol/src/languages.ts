// The languages of the team: what an operator speaks, what a helpline covers now.
import Type, { type Static } from 'typebox'

export const LanguageLevel = Type.Union([
  Type.Literal('native'),
  Type.Literal('fluent'),
  Type.Literal('basic'),
])
export type LanguageLevel = Static<typeof LanguageLevel>

export const OwnLanguages = Type.Object(
  {
    languages: Type.Array(
      Type.Object(
        { language: Type.String({ pattern: '^[a-z]{2,3}$' }), level: LanguageLevel },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
)
export type OwnLanguages = Static<typeof OwnLanguages>

/** The languages spoken by the helpline's members available now, each with how many speak it. */
export const LanguagesCovered = Type.Object({
  now: Type.Array(Type.Object({ language: Type.String(), operators: Type.Integer() })),
})
export type LanguagesCovered = Static<typeof LanguagesCovered>

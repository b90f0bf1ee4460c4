// The directory of services (Messa in rete): what the console sends and reads. Allow-lists like the rest.
import Type, { type Static } from 'typebox'

const Uuid = Type.String({ format: 'uuid' })
const Strict = { additionalProperties: false } as const
const Optional = (maxLength: number) => Type.Optional(Type.String({ maxLength }))
export const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$' })
const Topic = Type.String({ minLength: 1, maxLength: 60 })

/** A service not checked for this long is shown as stale. */
export const DIRECTORY_STALE_AFTER_DAYS = 365

export const DirectoryServiceBody = Type.Object(
  {
    organisation: Type.String({ minLength: 1, maxLength: 200 }),
    service: Type.String({ minLength: 1, maxLength: 200 }),
    region: Optional(100),
    province: Optional(100),
    municipality: Optional(100),
    topics: Type.Array(Topic, { maxItems: 30 }),
    peopleServed: Optional(500),
    languages: Type.Array(LanguageCode, { maxItems: 40 }),
    openingHours: Optional(500),
    /** How to reach the service: phone, address, site. */
    reach: Type.String({ minLength: 1, maxLength: 1000 }),
    /** What goes into a reply, by language: `{ "it": "…", "en": "…" }`. */
    replyTexts: Type.Record(
      Type.String({ pattern: '^[a-z]{2,3}$' }),
      Type.String({ minLength: 1, maxLength: 2000 }),
    ),
    operatorNotes: Optional(2000),
    /** YYYY-MM-DD; none: never checked. */
    lastChecked: Type.Optional(Type.String({ format: 'date' })),
  },
  Strict,
)
export type DirectoryServiceBody = Static<typeof DirectoryServiceBody>

export const DirectoryService = Type.Object({
  id: Uuid,
  helplineId: Uuid,
  organisation: Type.String(),
  service: Type.String(),
  region: Type.Optional(Type.String()),
  province: Type.Optional(Type.String()),
  municipality: Type.Optional(Type.String()),
  topics: Type.Array(Type.String()),
  peopleServed: Type.Optional(Type.String()),
  languages: Type.Array(Type.String()),
  openingHours: Type.Optional(Type.String()),
  reach: Type.String(),
  replyTexts: Type.Record(Type.String(), Type.String()),
  operatorNotes: Type.Optional(Type.String()),
  lastChecked: Type.Optional(Type.String()),
  /** Not checked for a year (or never). */
  stale: Type.Boolean(),
})
export type DirectoryService = Static<typeof DirectoryService>

export const DirectorySearch = Type.Object(
  {
    q: Optional(100),
    topic: Optional(60),
    area: Optional(100),
    language: Type.Optional(LanguageCode),
  },
  Strict,
)
export type DirectorySearch = Static<typeof DirectorySearch>

export const DirectoryList = Type.Object({
  services: Type.Array(DirectoryService),
  /** Every topic the directory uses, for the filter. */
  topics: Type.Array(Type.String()),
})
export type DirectoryList = Static<typeof DirectoryList>

import type { Queryable } from '@ascolto/db'
import {
  DIRECTORY_STALE_AFTER_DAYS,
  type DirectoryList,
  type DirectorySearch,
  type DirectoryService,
} from '@ascolto/protocol'

type ServiceRow = {
  id: string
  helpline_id: string
  organisation: string
  service: string
  region: string | null
  province: string | null
  municipality: string | null
  topics: string[]
  people_served: string | null
  languages: string[]
  opening_hours: string | null
  reach: string
  reply_texts: Record<string, string>
  operator_notes: string | null
  last_checked: string | null
}

const DAY = 24 * 60 * 60 * 1000

/**
 * The helpline's services matching a search from the desk (all of them without one): free text
 * over every public field, a topic, an area (region, province or municipality), a language.
 * Compared as plain substrings, so no character of a search is a pattern.
 */
export async function loadDirectory(
  db: Queryable,
  helplineId: string,
  search: DirectorySearch & { id?: string },
  now: Date,
): Promise<DirectoryList> {
  const { rows } = await db.query<ServiceRow>(
    `select id, helpline_id, organisation, service, region, province, municipality, topics, people_served,
            languages, opening_hours, reach, reply_texts, operator_notes, to_char(last_checked, 'YYYY-MM-DD') as last_checked
       from directory_service
      where helpline_id = $1
        and ($2::uuid is null or id = $2)
        and ($3::text is null or strpos(lower(concat_ws(' ', organisation, service, region, province, municipality,
              array_to_string(topics, ' '), people_served, reach)), lower($3)) > 0)
        and ($4::text is null or exists (select 1 from unnest(topics) topic where lower(topic) = lower($4)))
        and ($5::text is null or strpos(lower(concat_ws(' ', region, province, municipality)), lower($5)) > 0)
        and ($6::text is null or $6 = any(languages))
      order by lower(organisation), lower(service), id`,
    [
      helplineId,
      search.id ?? null,
      blankToNull(search.q),
      blankToNull(search.topic),
      blankToNull(search.area),
      search.language ?? null,
    ],
  )
  const topics = await db.query<{ topic: string }>(
    `select distinct unnest(topics) as topic from directory_service where helpline_id = $1 order by 1`,
    [helplineId],
  )
  return { services: rows.map((row) => serviceOf(row, now)), topics: topics.rows.map((r) => r.topic) }
}

const blankToNull = (text: string | undefined) => (text?.trim() ? text.trim() : null)

function serviceOf(row: ServiceRow, now: Date): DirectoryService {
  const checkedAt = row.last_checked ? Date.parse(`${row.last_checked}T00:00:00Z`) : null
  return {
    id: row.id,
    helplineId: row.helpline_id,
    organisation: row.organisation,
    service: row.service,
    ...(row.region ? { region: row.region } : {}),
    ...(row.province ? { province: row.province } : {}),
    ...(row.municipality ? { municipality: row.municipality } : {}),
    topics: row.topics,
    ...(row.people_served ? { peopleServed: row.people_served } : {}),
    languages: row.languages,
    ...(row.opening_hours ? { openingHours: row.opening_hours } : {}),
    reach: row.reach,
    replyTexts: row.reply_texts,
    ...(row.operator_notes ? { operatorNotes: row.operator_notes } : {}),
    ...(row.last_checked ? { lastChecked: row.last_checked } : {}),
    stale: checkedAt === null || now.getTime() - checkedAt > DIRECTORY_STALE_AFTER_DAYS * DAY,
  }
}

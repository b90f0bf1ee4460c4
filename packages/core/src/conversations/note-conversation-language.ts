// The conversation's language, from the person's message: the language the person reads the widget
// in, else, where the detector is confident and nobody chose the language (the person, an
// operator), what the person writes. An operator's choice stands. Ingest writes it in the statement
// that stores the message (messages/store-inbound-message.ts), with `languageAssignment`.

import type { Tx } from '../context.ts'
import { CONFIDENT, detectLanguage } from '../languages/detect-language.ts'

/** The language the person's message tells, where the detector is confident; else null. */
export function detectedLanguage(text: string): string | null {
  const detected = detectLanguage(text)
  return detected.language !== 'und' && detected.confidence >= CONFIDENT ? detected.language : null
}

/**
 * SQL: the SET of a conversation's language by the person's `chosen` one (the widget's) or else
 * the `detected` one (each a text parameter, null for none); an operator's choice stands, and a
 * detected language never replaces a chosen one.
 */
export const languageAssignment = (chosen: string, detected: string) =>
  `language = case when ${chosen}::text is not null
                    then case when language_source = 'operator' then language else ${chosen} end
                   when ${detected}::text is not null and language_source is distinct from 'person'
                    and language_source is distinct from 'operator' then ${detected}
                   else language end,
   language_source = case when ${chosen}::text is not null
                           then case when language_source = 'operator' then 'operator' else 'person' end
                          when ${detected}::text is not null and language_source is distinct from 'person'
                           and language_source is distinct from 'operator' then 'detected'
                          else language_source end`

/** The person's choice (the widget's language), unless an operator set one; the language now held. */
export async function choosePersonLanguage(tx: Tx, conversationId: string, language: string) {
  const { rows } = await tx.query<{ language: string }>(
    `update conversation set ${languageAssignment('$2', 'null')} where id = $1 returning language`,
    [conversationId, language],
  )
  return rows[0]?.language
}

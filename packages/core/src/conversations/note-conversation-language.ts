// The conversation's language, from the person's message: where the detector is confident and
// nobody chose the language (the person in the widget, an operator), it follows what the person
// writes. Answers the language the conversation is now held in (null: not known yet), for the
// automatic replies. One statement, inside the ingest transaction.

import type { Tx } from '../context.ts'
import { CONFIDENT, detectLanguage } from '../languages/detect-language.ts'

export async function noteConversationLanguage(
  tx: Tx,
  conversationId: string,
  text: string,
): Promise<string | null> {
  const detected = detectLanguage(text)
  const language = detected.language !== 'und' && detected.confidence >= CONFIDENT ? detected.language : null
  const { rows } = await tx.query<{ language: string | null }>(
    `update conversation
        set language = case when $2::text is not null and language_source is distinct from 'person'
                             and language_source is distinct from 'operator' then $2 else language end,
            language_source = case when $2::text is not null and language_source is distinct from 'person'
                                    and language_source is distinct from 'operator' then 'detected'
                                   else language_source end
      where id = $1 returning language`,
    [conversationId, language],
  )
  return rows[0]?.language ?? null
}

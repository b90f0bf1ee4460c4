// The conversation's language, from the person's message: the language the person reads the widget
// in, else, where the detector is confident and nobody chose the language (the person, an
// operator), what the person writes. An operator's choice stands. Answers the language the
// conversation is now held in (null: not known yet), for the automatic replies. One statement,
// inside the ingest transaction.

import type { Tx } from '../context.ts'
import { CONFIDENT, detectLanguage } from '../languages/detect-language.ts'

export async function noteConversationLanguage(
  tx: Tx,
  conversationId: string,
  text: string,
  chosen?: string,
): Promise<string | null> {
  if (chosen) return (await choosePersonLanguage(tx, conversationId, chosen)) ?? null
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

/** The person's choice (the widget's language), unless an operator set one; the language now held. */
export async function choosePersonLanguage(tx: Tx, conversationId: string, language: string) {
  const { rows } = await tx.query<{ language: string }>(
    `update conversation
        set language = case when language_source = 'operator' then language else $2 end,
            language_source = case when language_source = 'operator' then 'operator' else 'person' end
      where id = $1 returning language`,
    [conversationId, language],
  )
  return rows[0]?.language
}

// The directory beside a conversation: search the helpline's services and put one into the reply,
// in the person's language where the directory has it.
import type { ConversationView } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { DirectorySearch } from './directory-search.tsx'
import { directoryReplyText } from './reply-text.ts'
import { ServiceCard } from './service-card.tsx'
import { useDirectory } from './use-directory.ts'
import './directory.css'

/** Enough to choose from beside a conversation; the directory's screen shows them all. */
const SHOWN = 5

type Props = {
  conversation: ConversationView
  helplineLanguages: readonly string[]
  /** Absent where the operator cannot write in this conversation. */
  onInsert?: (text: string) => void
  onError: (error: unknown) => void
}

export function DirectoryPanel({ conversation, helplineLanguages, onInsert, onError }: Props) {
  const { t } = useTranslation()
  const heading = useId()
  const { search, setSearch, found } = useDirectory(conversation.helplineId, onError)
  const asked = Object.values(search).some(Boolean)
  if (!found || (found.services.length === 0 && !asked)) return null
  const shown = found.services.slice(0, SHOWN)
  return (
    <section className="directory-panel" aria-labelledby={heading}>
      <h3 id={heading}>{t('directory.panel')}</h3>
      <DirectorySearch search={search} topics={found.topics} onChange={setSearch} />
      {asked && (
        <p role="status" className="muted">
          {t('directory.found', { count: found.services.length })}
        </p>
      )}
      {asked &&
        shown.map((service) => (
          <ServiceCard key={service.id} service={service} compact>
            {onInsert && (
              <button
                type="button"
                className="button-small"
                onClick={() =>
                  onInsert(
                    directoryReplyText(service, {
                      person: conversation.language,
                      helpline: helplineLanguages,
                    }),
                  )
                }
              >
                {t('directory.insert')}
              </button>
            )}
          </ServiceCard>
        ))}
    </section>
  )
}

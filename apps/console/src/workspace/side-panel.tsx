// The side panel beside the open conversation: what the desk knows around it, one section after
// another. THE SLOT for what comes next (the person's case, a call's details): write a component
// taking `SectionProps` and add it to SECTIONS, in the place it should appear; nothing else here
// changes. Beside the conversation from 1,100 px; narrower, it takes the conversation's place when
// opened from the conversation's header, with a way back.
import type { ConversationView } from '@ascolto/protocol'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CasePanel } from '../cases/case-panel.tsx'
import { ContactHistoryPanel } from '../desk/contact-history.tsx'
import type { DeskTools } from '../desk/desk-tools.tsx'
import { NoteForm } from '../desk/note-form.tsx'
import { RevealRequestsPanel } from '../desk/reveal-requests-panel.tsx'
import { ReviewPanel } from '../desk/review-panel.tsx'
import { SafeguardingPanel } from '../desk/safeguarding-panel.tsx'
import { DirectoryPanel } from '../directory/directory-panel.tsx'
import { RiskCorrection } from '../risk/risk-correction.tsx'

export type SectionProps = { conversation: ConversationView; tools: DeskTools }

const SECTIONS: Array<{ key: string; Section: (props: SectionProps) => ReactNode }> = [
  {
    key: 'case',
    Section: ({ conversation, tools }) => (
      <CasePanel
        conversation={conversation}
        canAct={conversation.assignee?.id === tools.myId || tools.supervises(conversation.helplineId)}
        version={tools.caseVersion(conversation.id)}
        onError={tools.onError}
      />
    ),
  },
  {
    key: 'safeguarding',
    Section: ({ conversation, tools }) => (
      <SafeguardingPanel
        conversation={conversation}
        setup={tools.setupOf(conversation.helplineId)}
        supervises={tools.supervises(conversation.helplineId)}
        onError={tools.onError}
      />
    ),
  },
  {
    key: 'risk',
    Section: ({ conversation, tools }) => (
      <RiskCorrection conversation={conversation} onError={tools.onError} />
    ),
  },
  {
    key: 'note',
    Section: ({ conversation, tools }) => (
      <NoteForm key={conversation.id} onAdd={(text) => tools.onAddNote(conversation.id, text)} />
    ),
  },
  {
    key: 'directory',
    Section: ({ conversation, tools }) => (
      <DirectoryPanel
        key={conversation.id}
        conversation={conversation}
        helplineLanguages={tools.setupOf(conversation.helplineId)?.languages ?? []}
        onInsert={
          conversation.assignee?.id === tools.myId && conversation.status !== 'closed'
            ? (text) => tools.onInsertIntoReply(conversation.id, text)
            : undefined
        }
        onError={tools.onError}
      />
    ),
  },
  {
    key: 'history',
    Section: ({ conversation, tools }) => (
      <ContactHistoryPanel
        conversation={conversation}
        setup={tools.setupOf(conversation.helplineId)}
        labels={tools.labels}
      />
    ),
  },
  {
    key: 'reveal-requests',
    Section: ({ conversation, tools }) =>
      tools.supervises(conversation.helplineId) &&
      tools.setupOf(conversation.helplineId)?.revealNeedsApproval && (
        <RevealRequestsPanel
          key={conversation.id}
          conversation={conversation}
          myId={tools.myId}
          version={tools.revealVersion(conversation.id)}
          onError={tools.onError}
        />
      ),
  },
  {
    key: 'review',
    Section: ({ conversation, tools }) => (
      <ReviewPanel
        conversation={conversation}
        supervises={tools.supervises(conversation.helplineId)}
        onError={tools.onError}
        onChanged={tools.onReload}
      />
    ),
  },
]

type Props = SectionProps & { onBack: () => void }

export function SidePanel({ conversation, tools, onBack }: Props) {
  const { t } = useTranslation()
  return (
    <aside
      id="side-panel"
      className="side-panel"
      aria-label={t('workspace.side', { name: tools.labels.pseudonym(conversation) })}
    >
      <button type="button" className="button-quiet side-back" onClick={onBack}>
        <span aria-hidden="true">← </span>
        {t('workspace.backToConversation')}
      </button>
      {SECTIONS.map(({ key, Section }) => (
        <Section key={key} conversation={conversation} tools={tools} />
      ))}
    </aside>
  )
}

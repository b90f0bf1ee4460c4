// What the desk adds under a conversation's messages: the person's earlier conversations, its
// safeguarding flags with the playbook, its clinical review, and the private note. The handlers and the helpline's
// setup travel together as `DeskTools`.
import type { CloseBody, ConversationView, DeskSetup, RaiseFlagBody, TransferBody } from '@ascolto/protocol'
import { CasePanel } from '../cases/case-panel.tsx'
import { ContactHistoryPanel } from './contact-history.tsx'
import type { useLabels } from './labels.ts'
import { NoteForm } from './note-form.tsx'
import { RevealRequestsPanel } from './reveal-requests-panel.tsx'
import { ReviewPanel } from './review-panel.tsx'
import { SafeguardingPanel } from './safeguarding-panel.tsx'

export type DeskTools = {
  setupOf: (helplineId: string) => DeskSetup | undefined
  supervises: (helplineId: string) => boolean
  coordinates: (helplineId: string) => boolean
  /** Reject when refused, so the dialogs can say why. */
  onCloseWith: (id: string, body: CloseBody) => Promise<void>
  onTransfer: (id: string, body: TransferBody) => Promise<void>
  onRaiseFlag: (id: string, body: RaiseFlagBody) => Promise<void>
  /** Answer whether it worked (the desk's alert says why not). */
  onRequestHelp: (id: string) => Promise<boolean>
  onAddNote: (id: string, text: string) => Promise<boolean>
  onError: (error: unknown) => void
  labels: ReturnType<typeof useLabels>
  myId: string
  /** Grows when the conversation's requests to see the address change (or the socket reconnects). */
  revealVersion: (conversationId: string) => number
  /** Rejects when refused, so the dialog can say why. */
  onRequestReview: (id: string, note: string) => Promise<void>
  /** Something changed the open conversation here: read it again. */
  onReload: () => void
  /** The person of this conversation was erased here: it leaves the desk. */
  onErased: (id: string, pseudonym: string) => void
}

export function DeskExtras({ conversation, tools }: { conversation: ConversationView; tools: DeskTools }) {
  return (
    <>
      <CasePanel
        conversation={conversation}
        canAct={conversation.assignee?.id === tools.myId || tools.supervises(conversation.helplineId)}
        onError={tools.onError}
      />
      <ContactHistoryPanel
        conversation={conversation}
        setup={tools.setupOf(conversation.helplineId)}
        labels={tools.labels}
      />
      <SafeguardingPanel
        conversation={conversation}
        setup={tools.setupOf(conversation.helplineId)}
        supervises={tools.supervises(conversation.helplineId)}
        onError={tools.onError}
      />
      {tools.supervises(conversation.helplineId) &&
        tools.setupOf(conversation.helplineId)?.revealNeedsApproval && (
          <RevealRequestsPanel
            key={conversation.id}
            conversation={conversation}
            myId={tools.myId}
            version={tools.revealVersion(conversation.id)}
            onError={tools.onError}
          />
        )}
      <ReviewPanel
        conversation={conversation}
        supervises={tools.supervises(conversation.helplineId)}
        onError={tools.onError}
        onChanged={tools.onReload}
      />
      <NoteForm key={conversation.id} onAdd={(text) => tools.onAddNote(conversation.id, text)} />
    </>
  )
}

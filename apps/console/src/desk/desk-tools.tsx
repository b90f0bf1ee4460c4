// What the desk's actions and panels (the conversation's bar, the side panel) need from it: the
// helpline's setup and the handlers, travelling together as `DeskTools`.
import type { CloseBody, DeskSetup, RaiseFlagBody, TransferBody } from '@ascolto/protocol'
import type { useLabels } from './labels.ts'

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
  /** Adds a text to the conversation's reply (a service from the directory), for the operator to send. */
  onInsertIntoReply: (id: string, text: string) => void
  onError: (error: unknown) => void
  labels: ReturnType<typeof useLabels>
  myId: string
  /** Grows when the conversation's requests to see the address change (or the socket reconnects). */
  revealVersion: (conversationId: string) => number
  /** Grows when the conversation's case changed (see use-desk-events.ts). */
  caseVersion: (conversationId: string) => number
  /** Rejects when refused, so the dialog can say why. */
  onRequestReview: (id: string, note: string) => Promise<void>
  /** Something changed the open conversation here: read it again. */
  onReload: () => void
  /** The person of this conversation was erased here: it leaves the desk. */
  onErased: (id: string, pseudonym: string) => void
}

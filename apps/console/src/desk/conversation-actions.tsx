// What can be done with the open conversation, as a compact bar in the order it usually happens:
// take it, send a redirect to another desk, transfer (or, for a supervisor, take over and
// reassign), call a supervisor, raise a safeguarding flag, close (with the helpline's form), ask a
// clinical review of a closed one (a block is lifted from workspace/block-note.tsx). The rare
// or destructive behind "Altro" (more-menu.tsx), each with its dialog: refer the person to a
// service, block them, put or lift a legal hold (supervisors), show their address (supervisors, or
// anyone with an approved request where the helpline asks for one), export their data and erase
// them (coordinators).
import type { BlockBody, ConversationView, LegalHoldBody } from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { exportContact } from '../api/contacts.ts'
import { SendReferralDialog } from '../referrals/send-referral-dialog.tsx'
import { downloadJson } from '../shell/download.ts'
import { SurveyConsentButton } from '../survey-consent/survey-consent-button.tsx'
import { MoreMenu } from '../workspace/more-menu.tsx'
import { BlockDialog } from './block-dialog.tsx'
import { CloseDialog } from './close-dialog.tsx'
import type { DeskTools } from './desk-tools.tsx'
import { EraseDialog } from './erase-dialog.tsx'
import { FlagDialog } from './flag-dialog.tsx'
import { LegalHoldDialog } from './legal-hold-dialog.tsx'
import { RedirectMenu } from './redirect-menu.tsx'
import { RevealDialog } from './reveal-dialog.tsx'
import { ReviewDialog } from './review-dialog.tsx'
import { formatMessageTime } from './time-format.ts'
import { TransferDialog } from './transfer-dialog.tsx'

export type ConversationActionHandlers = {
  onTake: (id: string) => Promise<unknown>
  onClose: (id: string) => Promise<unknown>
  /** Rejects when refused, so the dialog can say why. */
  onBlock: (id: string, body: BlockBody) => Promise<void>
  /** Answers true once sent (the desk's alert says why not). */
  onRedirect: (id: string, redirectId: string) => Promise<boolean>
  /** Rejects when refused, so the dialog can say why. */
  onLegalHold: (id: string, body: LegalHoldBody) => Promise<{ legalHoldAt: string | null }>
}

type Props = ConversationActionHandlers & {
  conversation: ConversationView
  /** The hold as the conversation was loaded with; what this page then does replaces it. */
  legalHoldAt: string | null
  pseudonym: string
  canClose: boolean
  canHold: boolean
  assignedToMe: boolean
  myId: string
  desk: DeskTools
}

export function ConversationActions({
  conversation,
  legalHoldAt,
  pseudonym,
  canClose,
  canHold,
  assignedToMe,
  myId,
  desk,
  ...handlers
}: Props) {
  const { t, i18n } = useTranslation()
  const [pending, setPending] = useState(false)
  // what was just done, and to which conversation: the confirmation belongs to it alone
  const [done, setDone] = useState<{ id: string; text: string } | null>(null)
  // the legal hold as last answered by the server, per conversation, once changed here
  const [holds, setHolds] = useState<Record<string, string | null>>({})

  async function run(action: () => Promise<unknown>) {
    setPending(true)
    try {
      await action()
    } finally {
      setPending(false)
    }
  }

  const { id, status } = conversation
  /** Runs an action that answers whether it worked, and then says so beside the actions. */
  const confirming = (action: () => Promise<boolean>, text: string) => () =>
    run(async () => {
      setDone(null)
      if (await action()) setDone({ id, text })
    })
  const setup = desk.setupOf(conversation.helplineId)
  const supervising = desk.supervises(conversation.helplineId)
  const coordinating = desk.coordinates(conversation.helplineId)
  const needsApproval = setup?.revealNeedsApproval ?? false
  const hasClosingForm = Boolean(setup?.desk.categories?.length || setup?.desk.closingForm?.length)
  return (
    <div className="conversation-actions">
      {status === 'waiting' && (
        <button
          type="button"
          className="button-primary"
          disabled={pending}
          onClick={() => run(() => handlers.onTake(id))}
        >
          {t('conversation.take')}
        </button>
      )}
      {status !== 'closed' && (
        <RedirectMenu
          helplineId={conversation.helplineId}
          // not disabled while another action runs: it keeps focus, and the list is closed anyway
          enabled={assignedToMe}
          onSend={(redirect) =>
            run(async () => {
              setDone(null)
              if (await handlers.onRedirect(id, redirect.id)) {
                setDone({ id, text: t('redirect.sent', { label: redirect.label }) })
              }
            })
          }
        />
      )}
      {status === 'open' && setup && (assignedToMe || supervising) && (
        <TransferDialog
          helplineId={conversation.helplineId}
          name={pseudonym}
          colleagues={setup.colleagues}
          assigneeId={conversation.assignee?.id ?? null}
          label={assignedToMe ? t('transfer.open') : t('transfer.reassign')}
          disabled={pending}
          onTransfer={(body) => desk.onTransfer(id, body)}
        />
      )}
      {status === 'open' && supervising && !assignedToMe && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={() => run(() => desk.onTransfer(id, { toUserId: myId, note: '' }).catch(desk.onError))}
        >
          {t('transfer.takeOver')}
        </button>
      )}
      {assignedToMe && !supervising && !conversation.helpRequested && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={confirming(() => desk.onRequestHelp(id), t('help.sent'))}
        >
          {t('help.open')}
        </button>
      )}
      {conversation.helpRequested && <span className="help-mark">{t('help.waiting')}</span>}
      {status === 'open' && assignedToMe && setup?.surveyDoors.includes(conversation.channelKind) && (
        <SurveyConsentButton
          conversationId={id}
          disabled={pending}
          onAsked={(text) => setDone({ id, text })}
          onError={desk.onError}
        />
      )}
      {status !== 'closed' && (
        <FlagDialog
          name={pseudonym}
          onRaise={async (body) => {
            await desk.onRaiseFlag(id, body)
            setDone({ id, text: t('flag.sent') })
          }}
        />
      )}
      {canClose && hasClosingForm && setup && (
        <CloseDialog
          name={pseudonym}
          setup={setup}
          disabled={pending}
          onClose={(body) => desk.onCloseWith(id, body)}
        />
      )}
      {canClose && !hasClosingForm && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={() => run(() => handlers.onClose(id))}
        >
          {t('conversation.close')}
        </button>
      )}
      {status === 'closed' && conversation.assignee?.id === myId && !conversation.review && (
        <ReviewDialog
          name={pseudonym}
          onRequest={async (note) => {
            await desk.onRequestReview(id, note)
            setDone({ id, text: t('review.sent') })
          }}
        />
      )}
      {(status !== 'closed' ||
        assignedToMe ||
        supervising ||
        canHold ||
        (setup && (supervising || needsApproval)) ||
        coordinating) && (
        <MoreMenu key={id}>
          {(assignedToMe || supervising) && (
            <SendReferralDialog
              // the packet and the consent belong to this conversation alone
              key={`referral-${id}`}
              source={{ conversationId: id }}
              helplineId={conversation.helplineId}
              languages={conversation.language ? [conversation.language] : []}
              mayRevealAddress={supervising}
              onSent={(text) => setDone({ id, text })}
            />
          )}
          {/* the server refuses a block by anyone else (moderation.test.ts) */}
          {status !== 'closed' && (assignedToMe || supervising) && (
            <BlockDialog name={pseudonym} disabled={pending} onBlock={(body) => handlers.onBlock(id, body)} />
          )}
          {canHold && (
            <LegalHoldDialog
              name={pseudonym}
              heldSince={id in holds ? holds[id] : legalHoldAt}
              disabled={pending}
              onSubmit={async (body) => {
                setDone(null)
                const { legalHoldAt } = await handlers.onLegalHold(id, body)
                setHolds((all) => ({ ...all, [id]: legalHoldAt }))
                setDone({
                  id,
                  text: legalHoldAt
                    ? t('legalHold.isOn', { time: formatMessageTime(legalHoldAt, i18n.language) })
                    : t('legalHold.isOff'),
                })
              }}
            />
          )}
          {setup && (supervising || needsApproval) && (
            <RevealDialog
              // the address and a request sent belong to this conversation alone
              key={id}
              conversationId={id}
              name={pseudonym}
              needsApproval={needsApproval}
              version={desk.revealVersion(id)}
              labels={desk.labels}
              onError={desk.onError}
            />
          )}
          {coordinating && (
            <button
              type="button"
              className="button-quiet"
              disabled={pending}
              onClick={() =>
                run(async () => {
                  setDone(null)
                  try {
                    const exported = await exportContact(id)
                    downloadJson(exported, `persona-${exported.contact.pseudonym}.json`)
                    setDone({ id, text: t('exportContact.done') })
                  } catch (error) {
                    desk.onError(error)
                  }
                })
              }
            >
              {t('exportContact.open')}
            </button>
          )}
          {coordinating && (
            <EraseDialog
              conversationId={id}
              name={pseudonym}
              number={conversation.contactPseudonym}
              disabled={pending}
              onErased={() => desk.onErased(id, pseudonym)}
            />
          )}
        </MoreMenu>
      )}
      {/* always there, so the confirmation is announced when it appears */}
      <p className="action-status" role="status">
        {done?.id === id ? done.text : ''}
      </p>
    </div>
  )
}

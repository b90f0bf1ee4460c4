// The conversations screen, in three parts: the list (the queue and "Le mie", with the call-backs
// waiting above them), the open conversation, and the side panel beside it (the person's history,
// safeguarding, notes; see side-panel.tsx). From 1,100 px all three side by side; narrower, the list
// beside one of the other two; on a phone one part at a time (`data-view`), the reply box in reach.
// Kept mounted behind the other screens, so a draft or the open conversation survives a visit to them.
import type { ConversationView, SessionView } from '@ascolto/protocol'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { closeConversation, sendAttachment, sendReply, takeConversation } from '../api/conversations.ts'
import {
  addNote,
  closeWithForm,
  markRead,
  raiseFlag,
  requestReview,
  requestSupervisor,
  transferConversation,
} from '../api/desk.ts'
import { blockContact, hideMessage, unblockContact } from '../api/moderation.ts'
import { sendRedirect, setLegalHold } from '../api/settings.ts'
import { LiveCalls } from '../calls/live-calls.tsx'
import { TodayLink } from '../cases/today-link.tsx'
import { AvailabilitySwitch } from '../desk/availability-switch.tsx'
import { CallbackPanel } from '../desk/callback-panel.tsx'
import { ConversationPane } from '../desk/conversation-pane.tsx'
import type { DeskTools } from '../desk/desk-tools.tsx'
import type { useLabels } from '../desk/labels.ts'
import { Queue } from '../desk/queue.tsx'
import type { QueueTab } from '../desk/updates.ts'
import type { useDeskSetups } from '../desk/use-desk-setup.ts'
import {
  archiveHref,
  directoryHref,
  QUEUE_HREF,
  REVIEWS_HREF,
  roomHref,
  statisticsHref,
} from '../desk/use-hash-route.ts'
import type { useOpenConversation } from '../desk/use-open-conversation.ts'
import type { useQueue } from '../desk/use-queue.ts'
import { LOGGED_CONTACT_HREF } from '../logged-contacts/log-contact-screen.tsx'
import { referralsHref } from '../referrals/referral-route.ts'
import { RotaLink } from '../rota/rota-gate.tsx'
import { ShiftPrompt } from '../rota/shift-prompt.tsx'
import { SidePanel } from './side-panel.tsx'
import './workspace.css'

/** Where the side panel sits beside the conversation (workspace.css). */
const WIDE = '(min-width: 68.75rem)'

type Props = {
  session: SessionView
  hidden: boolean
  selectedId: string | null
  labels: ReturnType<typeof useLabels>
  queue: ReturnType<typeof useQueue>
  open: ReturnType<typeof useOpenConversation>
  desks: ReturnType<typeof useDeskSetups>
  supervises: (helplineId: string) => boolean
  coordinates: (helplineId: string) => boolean
  revealVersion: (conversationId: string) => number
  caseVersion: (conversationId: string) => number
  /** Grows when a call-back changed: the call-back list reads again. */
  callbackVersion: number
  onError: (error: unknown) => void
  announce: (text: string) => void
}

export function WorkspaceScreen(props: Props) {
  const { session, selectedId, labels, queue, open, supervises, onError } = props
  const { t } = useTranslation()
  const myId = session.user.id
  const [tab, setTab] = useState<QueueTab>('waiting')
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  // on a phone or a narrow window, whether the side panel is shown instead of the conversation
  const [sideOpen, setSideOpen] = useState(false)
  // the shift prompt's "Disponibile" changes what the switch shows: it reads it again
  const [availabilityVersion, setAvailabilityVersion] = useState(0)
  const supervised = session.memberships.filter((m) => m.role !== 'volunteer')
  const shown = open.detail?.conversation
  const { place, remove } = queue

  // a conversation read afresh is the latest word on where it belongs in the queue too
  useEffect(() => {
    if (shown) place(shown)
  }, [shown, place])

  // the handler reading the conversation: its unread count goes to zero
  // (keyed by the count too, so each message read while on screen clears it again)
  const unreadShown =
    shown && shown.assignee?.id === myId && shown.unread > 0 ? `${shown.id}:${shown.unread}` : null
  useEffect(() => {
    const id = unreadShown?.split(':')[0]
    if (id) markRead(id).then(place, () => {})
  }, [unreadShown, place])

  // another conversation opens on its messages, not on the panel beside the last one
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the choice changes
  useEffect(() => setSideOpen(false), [selectedId])

  const previousSelected = useRef(selectedId)
  useEffect(() => {
    // back on the queue on a phone: focus returns to the conversation just left
    const left = previousSelected.current
    previousSelected.current = selectedId
    if (left && !selectedId) document.getElementById(`queue-item-${left}`)?.focus()
  }, [selectedId])

  /** Runs what the operator asked; a failure goes to the alert. Answers whether it succeeded. */
  const act = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      onError(null)
      try {
        await action()
        return true
      } catch (failure) {
        onError(failure)
        // whatever changed under the operator (taken by someone else, closed) shows at once
        open.reload()
        return false
      }
    },
    [open.reload, onError],
  )

  const applyConversation = (conversation: ConversationView) => {
    place(conversation)
    open.applyConversation(conversation)
  }
  const setDraft = (id: string, text: string) => setDrafts((all) => ({ ...all, [id]: text }))

  const desk: DeskTools = {
    setupOf: (helplineId) => props.desks.setups[helplineId],
    supervises,
    coordinates: props.coordinates,
    myId,
    revealVersion: props.revealVersion,
    caseVersion: props.caseVersion,
    onErased: (id, pseudonym) => {
      remove([id])
      window.location.hash = QUEUE_HREF
      props.announce(t('erase.done', { name: pseudonym }))
    },
    onCloseWith: async (id, body) => {
      onError(null)
      applyConversation(await closeWithForm(id, body))
    },
    onTransfer: async (id, body) => {
      onError(null)
      const { conversation, note } = await transferConversation(id, body)
      applyConversation(conversation)
      open.applyMessage(note)
    },
    onRaiseFlag: async (id, body) => {
      onError(null)
      await raiseFlag(id, body)
    },
    onRequestHelp: (id) => act(async () => applyConversation(await requestSupervisor(id))),
    onAddNote: (id, text) => act(async () => open.applyMessage(await addNote(id, text))),
    onInsertIntoReply: (id, text) => {
      setDrafts((all) => ({ ...all, [id]: all[id]?.trim() ? `${all[id]}\n${text}` : text }))
      // where the side panel takes the conversation's place, back to the reply
      if (!window.matchMedia(WIDE).matches) setSideOpen(false)
    },
    onError,
    labels,
    onRequestReview: async (id, note) => {
      onError(null)
      await requestReview(id, note)
      open.reload()
    },
    onReload: open.reload,
  }

  // the helpline's name is only worth showing to someone who answers for several
  const helplineName = (helplineId: string) =>
    session.memberships.length > 1
      ? session.memberships.find((m) => m.helplineId === helplineId)?.helplineName
      : undefined

  const view = !selectedId ? 'queue' : sideOpen ? 'side' : 'conversation'
  return (
    <div className="desk" data-view={view} hidden={props.hidden}>
      <Queue
        queue={queue.queue}
        loaded={queue.loaded}
        tab={tab}
        onTabChange={setTab}
        selectedId={selectedId}
        drafts={drafts}
        labels={labels}
        helplineName={helplineName}
        top={
          <>
            <div className="queue-top">
              <AvailabilitySwitch key={availabilityVersion} onError={onError} />
              <ShiftPrompt onAvailable={() => setAvailabilityVersion((v) => v + 1)} onError={onError} />
              {supervised[0] && <a href={roomHref(supervised[0].helplineId)}>{t('room.link')}</a>}
              {supervised[0] && <a href={statisticsHref(supervised[0].helplineId)}>{t('statistics.link')}</a>}
              <a href={REVIEWS_HREF}>{t('reviews.link')}</a>
              {session.memberships[0] && (
                <>
                  <a href={directoryHref(session.memberships[0].helplineId)}>{t('directory.link')}</a>
                  <a href={archiveHref(session.memberships[0].helplineId)}>{t('archive.link')}</a>
                  <a href={referralsHref(session.memberships[0].helplineId)}>{t('referrals.link')}</a>
                </>
              )}
              <TodayLink />
              <a href={LOGGED_CONTACT_HREF}>{t('loggedContacts.link')}</a>
              <RotaLink session={session} />
            </div>
            <CallbackPanel
              memberships={session.memberships}
              version={props.callbackVersion}
              onError={onError}
            />
            <LiveCalls helplineIds={session.memberships.map((m) => m.helplineId)} />
          </>
        }
      />
      <ConversationPane
        selectedId={selectedId}
        detail={open.detail}
        failed={open.failed}
        myId={myId}
        labels={labels}
        helplineName={helplineName}
        sideOpen={sideOpen}
        onSideOpen={setSideOpen}
        canClose={(c) => c.status !== 'closed' && (c.assignee?.id === myId || supervises(c.helplineId))}
        canUnblock={(c) => supervises(c.helplineId)}
        canHold={(c) => supervises(c.helplineId)}
        draft={selectedId ? (drafts[selectedId] ?? '') : ''}
        onDraftChange={(text) => selectedId && setDraft(selectedId, text)}
        onTake={(id) =>
          act(async () => {
            applyConversation(await takeConversation(id))
            setTab('mine')
          })
        }
        onClose={(id) => act(async () => applyConversation(await closeConversation(id)))}
        onBlock={async (id, body) => {
          // refusals are said in the block dialog, which sits above the page's alert
          onError(null)
          applyConversation(await blockContact(id, body))
          // the block's end is the person's, read with the conversation
          open.reload()
        }}
        onUnblock={(id) =>
          act(async () => {
            await unblockContact(id)
            open.reload()
          })
        }
        onRedirect={(id, redirectId) =>
          act(async () => open.applyMessage(await sendRedirect(id, redirectId)))
        }
        onLegalHold={async (id, body) => {
          // refusals are said in the legal hold dialog, like the block dialog's
          onError(null)
          return setLegalHold(id, body)
        }}
        desk={desk}
        onHide={(messageId, reason) =>
          act(async () => open.applyMessage(await hideMessage(messageId, reason)))
        }
        onAttach={(id, file, draft) =>
          act(async () => {
            // the words typed go with a picture, a video or a document as its caption; a sound takes none
            const caption = file.mimeType.startsWith('audio/') ? '' : draft.trim()
            open.applyMessage(await sendAttachment(id, { ...file, caption }))
            if (caption) setDraft(id, '')
          })
        }
        onSend={(id, text) =>
          act(async () => {
            // emptied at once, so what is typed while the reply travels is not lost with it
            setDraft(id, '')
            try {
              open.applyMessage(await sendReply(id, { text }))
            } catch (failure) {
              setDrafts((all) => (all[id] ? all : { ...all, [id]: text }))
              throw failure
            }
          })
        }
      />
      {shown && shown.id === selectedId && (
        <SidePanel conversation={shown} tools={desk} onBack={() => setSideOpen(false)} />
      )}
    </div>
  )
}

// The operator's desk: the queue on the left, the open conversation on the right (one or the
// other on a phone), kept current by the socket. Drafts are kept per conversation while switching.
import type {
  ConversationView,
  FlagAlert,
  HelpRequest,
  MessageView,
  RevealRequestChange,
  SessionView,
} from '@ascolto/protocol'
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { closeConversation, sendAttachment, sendReply, takeConversation } from '../api/conversations.ts'
import {
  acknowledgeFlag,
  addNote,
  closeWithForm,
  listOpenFlags,
  markRead,
  raiseFlag,
  requestReview,
  requestSupervisor,
  transferConversation,
} from '../api/desk.ts'
import { blockContact, hideMessage, unblockContact } from '../api/moderation.ts'
import { signOut } from '../api/session.ts'
import { sendRedirect, setLegalHold } from '../api/settings.ts'
import { LiveCalls } from '../calls/live-calls.tsx'
import { useCaseRoute } from '../cases/case-route.ts'
import { CasesScreen } from '../cases/cases-screen.tsx'
import { TodayLink } from '../cases/today-link.tsx'
import {
  LOGGED_CONTACT_HREF,
  LogContactScreen,
  useOnLogContact,
} from '../logged-contacts/log-contact-screen.tsx'
import { ReviewsScreen } from '../room/reviews-screen.tsx'
import { RoomScreen } from '../room/room-screen.tsx'
import { RotaLink } from '../rota/rota-gate.tsx'
import { ShiftPrompt } from '../rota/shift-prompt.tsx'
import { SettingsScreen } from '../settings/settings-screen.tsx'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { StatisticsScreen } from '../statistics/statistics-screen.tsx'
import { AvailabilitySwitch } from './availability-switch.tsx'
import { CallbackPanel } from './callback-panel.tsx'
import { CannedRepliesScreen } from './canned-replies-screen.tsx'
import { chime, notify } from './chime.ts'
import { ConversationPane } from './conversation-pane.tsx'
import { DeskHeader } from './desk-header.tsx'
import type { DeskTools } from './desk-tools.tsx'
import { useLabels } from './labels.ts'
import { Queue } from './queue.tsx'
import { SupervisorAlerts } from './supervisor-alerts.tsx'
import type { QueueTab } from './updates.ts'
import { useDeskSetups } from './use-desk-setup.ts'
import {
  cannedRepliesHref,
  QUEUE_HREF,
  REVIEWS_HREF,
  roomHref,
  settingsHref,
  statisticsHref,
  useRoute,
} from './use-hash-route.ts'
import { useOpenConversation } from './use-open-conversation.ts'
import { useQueue } from './use-queue.ts'
import { useRealtime } from './use-realtime.ts'
import './desk.css'
import './moderation.css'
import './conversation-tools.css'
import './desk-tools.css'

type Props = { session: SessionView; onSignedOut: () => void }

// each failure is a new alert, so the same words twice are announced twice
type Failure = { error: unknown; seq: number } | null
const nextFailure = (previous: Failure, error: unknown): Failure =>
  error === null ? null : { error, seq: (previous?.seq ?? 0) + 1 }

export function Desk({ session, onSignedOut }: Props) {
  const { t } = useTranslation()
  const myId = session.user.id
  const labels = useLabels(myId)
  const [failure, setError] = useReducer(nextFailure, null)
  const [tab, setTab] = useState<QueueTab>('waiting')
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const [announcement, setAnnouncement] = useState('')
  const route = useRoute()
  const selectedId = route.screen === 'desk' ? route.conversationId : null
  const coordinated = session.memberships.filter((m) => m.role === 'coordinator')
  const settingsFor =
    route.screen === 'settings' && coordinated.length > 0
      ? (route.helplineId ?? coordinated[0]?.helplineId ?? null)
      : null
  const cannedFor =
    route.screen === 'canned' && coordinated.length > 0
      ? (route.helplineId ?? coordinated[0]?.helplineId ?? null)
      : null
  const supervised = session.memberships.filter((m) => m.role !== 'volunteer')
  const roomFor =
    route.screen === 'room' && supervised.length > 0
      ? (route.helplineId ?? supervised[0]?.helplineId ?? null)
      : null
  const statisticsFor =
    route.screen === 'statistics' && supervised.length > 0
      ? (route.helplineId ?? supervised[0]?.helplineId ?? null)
      : null
  const [roomVersion, setRoomVersion] = useState(0)
  // the shift prompt's "Disponibile" changes what the switch shows: it reads it again
  const [availabilityVersion, setAvailabilityVersion] = useState(0)
  const onReviews = route.screen === 'reviews'
  const onCases = useCaseRoute()
  const onLogContact = useOnLogContact()
  const desks = useDeskSetups(session.memberships)
  const [flags, setFlags] = useState<FlagAlert[]>([])
  const [helpRequests, setHelpRequests] = useState<HelpRequest[]>([])
  const [sound, setSound] = useState(() => localStorage.getItem('ascolto.sound') !== 'off')
  // reveal requests changed per conversation, and reconnections: what shows them reads them again
  const [revealChanges, setRevealChanges] = useState<Record<string, number>>({})
  const [connections, setConnections] = useState(0)

  // supervisors and coordinators may read hidden messages, lift blocks, close others' conversations
  const supervises = useCallback(
    (helplineId: string) =>
      session.memberships.some((m) => m.helplineId === helplineId && m.role !== 'volunteer'),
    [session.memberships],
  )

  const coordinates = useCallback(
    (helplineId: string) =>
      session.memberships.some((m) => m.helplineId === helplineId && m.role === 'coordinator'),
    [session.memberships],
  )

  const { queue, loaded, reload: reloadQueue, place, remove } = useQueue(myId, setError)
  const open = useOpenConversation(selectedId, setError, supervises)
  const shown = open.detail?.conversation

  useEffect(() => {
    reloadQueue()
  }, [reloadQueue])

  // a conversation read afresh is the latest word on where it belongs in the queue too
  useEffect(() => {
    if (shown) place(shown)
  }, [shown, place])

  const supervisesAny = session.memberships.some((m) => m.role !== 'volunteer')
  const [databaseLost, setDatabaseLost] = useState(false)
  const online = useRealtime({
    onConnect: () => {
      // the instance says so at once if its database is away
      setDatabaseLost(false)
      setConnections((n) => n + 1)
      reloadQueue()
      open.reload()
      if (supervisesAny) listOpenFlags().then((list) => setFlags(list.flags), setError)
    },
    onConversation: (conversation: ConversationView) => {
      const isNew = conversation.status === 'waiting' && !queue.waiting.some((c) => c.id === conversation.id)
      if (isNew) {
        setAnnouncement(t('queue.newWaiting', { name: labels.pseudonym(conversation) }))
        if (sound) chime()
        notify(t('app.name'), t('queue.newWaiting', { name: labels.pseudonym(conversation) }))
      }
      place(conversation)
      open.applyConversation(conversation)
      setRoomVersion((n) => n + 1)
    },
    onRemoved: (conversationIds) => {
      remove(conversationIds)
      if (selectedId && conversationIds.includes(selectedId)) {
        window.location.hash = QUEUE_HREF
        setAnnouncement(t('erase.gone'))
      }
      setRoomVersion((n) => n + 1)
    },
    onMessage: (message: MessageView, created: boolean) => {
      open.applyMessage(message)
      const heard = created && message.direction === 'inbound' && message.hidden === null
      if (heard && shown && message.conversationId === shown.id) {
        setAnnouncement(t('conversation.newMessage', { name: labels.pseudonym(shown), text: message.text }))
      }
    },
    onUnauthenticated: onSignedOut,
    onFlag: (flag) => {
      if (!supervises(flag.helplineId)) return
      setFlags((all) => [...all.filter((f) => f.id !== flag.id), ...(flag.acknowledgedAt ? [] : [flag])])
      if (!flag.acknowledgedAt) notify(t('app.name'), t(`flag.kinds.${flag.kind}`))
    },
    onHelpRequest: (help) => {
      if (!supervises(help.helplineId) || help.requestedBy.id === myId) return
      setHelpRequests((all) => [...all.filter((h) => h.conversationId !== help.conversationId), help])
    },
    onRevealRequest: (change: RevealRequestChange) => {
      setRevealChanges((all) => ({ ...all, [change.conversationId]: (all[change.conversationId] ?? 0) + 1 }))
      const text = revealNews(change)
      if (!text) return
      setAnnouncement(text)
      notify(t('app.name'), text)
    },
    onDatabaseLost: (lost) => {
      setDatabaseLost(lost)
      if (!lost) {
        reloadQueue()
        open.reload()
      }
    },
  })

  /** What a change to a request to see an address is worth saying: a new one to a supervisor, a decision to the asker. */
  function revealNews(change: RevealRequestChange) {
    const known = [...queue.waiting, ...queue.mine, shown].find((c) => c?.id === change.conversationId)
    const name = known ? labels.pseudonym(known) : t('reveal.aPerson')
    if (change.requestedBy === myId) {
      const { state } = change
      return state === 'approved' || state === 'refused' ? t(`reveal.decided.${state}`, { name }) : null
    }
    return change.state === 'pending' && supervises(change.helplineId)
      ? t('reveal.newRequest', { name })
      : null
  }

  // the handler reading the conversation: its unread count goes to zero
  // (keyed by the count too, so each message read while on screen clears it again)
  const unreadShown =
    shown && shown.assignee?.id === myId && shown.unread > 0 ? `${shown.id}:${shown.unread}` : null
  useEffect(() => {
    const id = unreadShown?.split(':')[0]
    if (id) markRead(id).then(place, () => {})
  }, [unreadShown, place])

  useDocumentTitle(
    queue.waiting.length > 0 ? t('app.titleWithWaiting', { count: queue.waiting.length }) : t('app.title'),
  )

  /** Runs what the operator asked; a failure goes to the alert. Answers whether it succeeded. */
  const act = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setError(null)
      try {
        await action()
        return true
      } catch (failure) {
        setError(failure)
        // whatever changed under the operator (taken by someone else, closed) shows at once
        open.reload()
        return false
      }
    },
    [open.reload],
  )

  function dismissError() {
    setError(null)
    // the dismiss button goes away with the alert: focus moves to the conversation, not to the top
    const target =
      document.querySelector<HTMLElement>('#conversation h2') ?? document.getElementById('conversation')
    target?.focus()
  }

  const applyConversation = (conversation: ConversationView) => {
    place(conversation)
    open.applyConversation(conversation)
  }

  const desk: DeskTools = {
    setupOf: (helplineId) => desks.setups[helplineId],
    supervises,
    coordinates,
    myId,
    revealVersion: (conversationId) => connections + (revealChanges[conversationId] ?? 0),
    onErased: (id, pseudonym) => {
      remove([id])
      window.location.hash = QUEUE_HREF
      setAnnouncement(t('erase.done', { name: pseudonym }))
    },
    onCloseWith: async (id, body) => {
      setError(null)
      applyConversation(await closeWithForm(id, body))
    },
    onTransfer: async (id, body) => {
      setError(null)
      const { conversation, note } = await transferConversation(id, body)
      applyConversation(conversation)
      open.applyMessage(note)
    },
    onRaiseFlag: async (id, body) => {
      setError(null)
      await raiseFlag(id, body)
    },
    onRequestHelp: (id) => act(async () => applyConversation(await requestSupervisor(id))),
    onAddNote: (id, text) => act(async () => open.applyMessage(await addNote(id, text))),
    onError: setError,
    labels,
    onRequestReview: async (id, note) => {
      setError(null)
      await requestReview(id, note)
      open.reload()
    },
    onReload: open.reload,
  }

  const selectedDraft = selectedId ? (drafts[selectedId] ?? '') : ''
  const setDraft = (id: string, text: string) => setDrafts((all) => ({ ...all, [id]: text }))

  // the helpline's name is only worth showing to someone who answers for several
  const helplineName = (helplineId: string) =>
    session.memberships.length > 1
      ? session.memberships.find((m) => m.helplineId === helplineId)?.helplineName
      : undefined

  // an error about the conversation just left means nothing beside the next one
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the choice changes
  useEffect(() => setError(null), [selectedId])

  const previousSelected = useRef(selectedId)
  useEffect(() => {
    // back on the queue on a phone: focus returns to the conversation just left
    const left = previousSelected.current
    previousSelected.current = selectedId
    if (left && !selectedId) document.getElementById(`queue-item-${left}`)?.focus()
  }, [selectedId])

  const wasOnSettings = useRef(settingsFor !== null)
  useEffect(() => {
    // back from the settings: focus lands on the queue, not at the top of the page
    if (wasOnSettings.current && settingsFor === null) {
      document.querySelector<HTMLElement>('.queue [role="tab"][aria-selected="true"]')?.focus()
    }
    wasOnSettings.current = settingsFor !== null
  }, [settingsFor])

  // the skip link moves focus without touching the address, which says which screen is shown
  const onScreen =
    settingsFor ??
    cannedFor ??
    roomFor ??
    statisticsFor ??
    (onReviews ? 'reviews' : onCases || onLogContact ? 'cases' : null)
  const skipTo = onScreen ? 'settings' : 'conversation'

  return (
    <div className="desk-page">
      <a
        className="skip-link"
        href={`#${skipTo}`}
        onClick={(event) => {
          event.preventDefault()
          document.getElementById(skipTo)?.focus()
        }}
      >
        {onScreen ? t('app.skipToSettings') : t('app.skipToConversation')}
      </a>
      <DeskHeader
        displayName={session.user.displayName}
        online={online}
        settingsHref={coordinated[0] ? settingsHref(settingsFor ?? coordinated[0].helplineId) : null}
        onSettings={settingsFor !== null}
        cannedHref={coordinated[0] ? cannedRepliesHref(cannedFor ?? coordinated[0].helplineId) : null}
        onCanned={cannedFor !== null}
        sound={sound}
        onSoundChange={(on) => {
          setSound(on)
          localStorage.setItem('ascolto.sound', on ? 'on' : 'off')
          if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') {
            Notification.requestPermission().catch(() => {})
          }
        }}
        onSignOut={async () => {
          await signOut().catch(() => {})
          // the next person to sign in on this browser starts from the queue, not from this conversation
          history.replaceState(null, '', window.location.pathname)
          onSignedOut()
        }}
      />
      {databaseLost && (
        <div className="error-alert">
          <p role="alert">{t('service.databaseLost')}</p>
        </div>
      )}
      {failure && <ErrorAlert key={failure.seq} error={failure.error} onDismiss={dismissError} />}
      {supervisesAny && (
        <SupervisorAlerts
          flags={flags}
          helpRequests={helpRequests}
          sound={sound}
          onAcknowledge={(flagId) =>
            act(async () => {
              await acknowledgeFlag(flagId)
              setFlags((all) => all.filter((f) => f.id !== flagId))
            })
          }
          onDismissHelp={(id) => setHelpRequests((all) => all.filter((h) => h.conversationId !== id))}
        />
      )}
      {!settingsFor && !cannedFor && <CallbackPanel memberships={session.memberships} onError={setError} />}
      {!settingsFor && !cannedFor && <LiveCalls helplineIds={session.memberships.map((m) => m.helplineId)} />}
      {settingsFor && (
        <SettingsScreen helplines={coordinated} helplineId={settingsFor} onSaved={desks.reload} />
      )}
      {roomFor && (
        <RoomScreen
          helplines={supervised}
          helplineId={roomFor}
          version={roomVersion}
          labels={labels}
          maxConcurrent={desks.setups[roomFor]?.desk.maxConcurrent}
          onError={setError}
        />
      )}
      {statisticsFor && (
        <StatisticsScreen
          helplines={supervised}
          helplineId={statisticsFor}
          labels={labels}
          onError={setError}
        />
      )}
      {onReviews && <ReviewsScreen supervises={supervisesAny} onError={setError} />}
      {onCases && (
        <CasesScreen caseId={onCases.caseId} myId={myId} supervises={supervises} onError={setError} />
      )}
      {onLogContact && <LogContactScreen memberships={session.memberships} onError={setError} />}
      {cannedFor && (
        <CannedRepliesScreen
          helplines={coordinated}
          helplineId={cannedFor}
          setup={desks.setups[cannedFor]}
          onChanged={desks.reload}
        />
      )}
      <div
        className="desk"
        data-view={selectedId ? 'conversation' : 'queue'}
        hidden={
          settingsFor !== null ||
          cannedFor !== null ||
          roomFor !== null ||
          statisticsFor !== null ||
          onReviews ||
          onCases !== null ||
          onLogContact
        }
      >
        <Queue
          queue={queue}
          loaded={loaded}
          tab={tab}
          onTabChange={setTab}
          selectedId={selectedId}
          drafts={drafts}
          labels={labels}
          helplineName={helplineName}
          top={
            <div className="queue-top">
              <AvailabilitySwitch key={availabilityVersion} onError={setError} />
              <ShiftPrompt onAvailable={() => setAvailabilityVersion((v) => v + 1)} onError={setError} />
              {supervised[0] && <a href={roomHref(supervised[0].helplineId)}>{t('room.link')}</a>}
              {supervised[0] && <a href={statisticsHref(supervised[0].helplineId)}>{t('statistics.link')}</a>}
              <a href={REVIEWS_HREF}>{t('reviews.link')}</a>
              <TodayLink />
              <a href={LOGGED_CONTACT_HREF}>{t('loggedContacts.link')}</a>
              <RotaLink session={session} />
            </div>
          }
        />
        <ConversationPane
          selectedId={selectedId}
          detail={open.detail}
          failed={open.failed}
          myId={myId}
          labels={labels}
          helplineName={helplineName}
          canClose={(c) => c.status !== 'closed' && (c.assignee?.id === myId || supervises(c.helplineId))}
          canUnblock={(c) => supervises(c.helplineId)}
          canHold={(c) => supervises(c.helplineId)}
          draft={selectedDraft}
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
            setError(null)
            applyConversation(await blockContact(id, body))
          }}
          onUnblock={(id) => act(() => unblockContact(id))}
          onRedirect={(id, redirectId) =>
            act(async () => open.applyMessage(await sendRedirect(id, redirectId)))
          }
          onLegalHold={async (id, body) => {
            // refusals are said in the legal hold dialog, like the block dialog's
            setError(null)
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
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </div>
  )
}

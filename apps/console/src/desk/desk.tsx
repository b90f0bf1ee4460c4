// The signed-in console: the header, the alerts every screen keeps (a failure, the database
// away, the supervisors' flags and calls), and a router: the address names a screen (screens.tsx,
// one per folder), or the conversations (workspace/), which stay mounted behind the others.
// The queue, the open conversation and the socket live here, as every screen is kept current by them.
import type { SessionView } from '@ascolto/protocol'
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { acknowledgeFlag } from '../api/desk.ts'
import { signOut } from '../api/session.ts'
import { useCaseRoute } from '../cases/case-route.ts'
import { CasesScreen } from '../cases/cases-screen.tsx'
import { LogContactScreen, useOnLogContact } from '../logged-contacts/log-contact-screen.tsx'
import { useReferralRoute } from '../referrals/referral-route.ts'
import { referralScreen } from '../referrals/referral-screens.tsx'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { useDocumentTitle } from '../shell/use-document-title.ts'
import { ArrivalNotice } from '../workspace/arrival-notice.tsx'
import { WorkspaceScreen } from '../workspace/workspace-screen.tsx'
import { DeskHeader } from './desk-header.tsx'
import { useLabels } from './labels.ts'
import { helplinesWhere, screenFor } from './screens.tsx'
import { SupervisorAlerts } from './supervisor-alerts.tsx'
import { useDeskEvents } from './use-desk-events.ts'
import { useDeskSetups } from './use-desk-setup.ts'
import { cannedRepliesHref, settingsHref, useRoute } from './use-hash-route.ts'
import { useOpenConversation } from './use-open-conversation.ts'
import { useQueue } from './use-queue.ts'
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
  const [announcement, setAnnouncement] = useState('')
  const route = useRoute()
  const selectedId = route.screen === 'desk' ? route.conversationId : null
  const desks = useDeskSetups(session.memberships)
  const [sound, setSound] = useState(() => localStorage.getItem('ascolto.sound') !== 'off')

  // supervisors and coordinators may read hidden messages, lift blocks, close others' conversations
  const supervises = useCallback(
    (helplineId: string) =>
      session.memberships.some(
        (m) => m.helplineId === helplineId && (m.role === 'supervisor' || m.role === 'coordinator'),
      ),
    [session.memberships],
  )
  const coordinates = useCallback(
    (helplineId: string) =>
      session.memberships.some((m) => m.helplineId === helplineId && m.role === 'coordinator'),
    [session.memberships],
  )
  const supervisesAny = session.memberships.some((m) => m.role === 'supervisor' || m.role === 'coordinator')

  const queue = useQueue(myId, setError)
  const open = useOpenConversation(selectedId, setError, supervises)
  const { reload: reloadQueue } = queue
  useEffect(() => {
    reloadQueue()
  }, [reloadQueue])

  const events = useDeskEvents({
    myId,
    labels,
    queue,
    open,
    selectedId,
    sound,
    supervises,
    supervisesAny,
    onError: setError,
    announce: setAnnouncement,
    onSignedOut,
    onDeskChanged: desks.reload,
  })

  const waiting = queue.queue.waiting.length
  useDocumentTitle(waiting > 0 ? t('app.titleWithWaiting', { count: waiting }) : t('app.title'))

  function dismissError() {
    setError(null)
    // the dismiss button goes away with the alert: focus moves to the conversation, not to the top
    const target =
      document.querySelector<HTMLElement>('#conversation h2') ?? document.getElementById('conversation')
    target?.focus()
  }

  // an error about the conversation just left means nothing beside the next one
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the choice changes
  useEffect(() => setError(null), [selectedId])

  // cases and contacts logged by hand keep addresses of their own (cases/case-route.ts)
  const onCase = useCaseRoute()
  const onLogContact = useOnLogContact()
  const onReferral = useReferralRoute()
  const screen =
    screenFor(route, { session, labels, desks, roomVersion: events.roomVersion, onError: setError }) ??
    referralScreen(onReferral, { session, version: events.referralVersion, onError: setError }) ??
    (onCase
      ? {
          name: 'cases',
          element: (
            <CasesScreen
              caseId={onCase.caseId}
              myId={myId}
              supervises={supervises}
              coordinates={coordinates}
              version={events.caseVersion}
              onError={setError}
            />
          ),
        }
      : onLogContact
        ? {
            name: 'logged-contacts',
            element: <LogContactScreen memberships={session.memberships} onError={setError} />,
          }
        : null)
  const coordinated = helplinesWhere(session, 'coordinator')
  // the header's links keep the helpline shown on their own screen, else the first coordinated
  const routeHelpline = (name: string) =>
    screen?.name === name && 'helplineId' in route ? route.helplineId : null

  const wasOnScreen = useRef(screen !== null)
  useEffect(() => {
    // back from another screen: focus lands on the queue, not at the top of the page
    if (wasOnScreen.current && screen === null) {
      document.querySelector<HTMLElement>('.queue [role="tab"][aria-selected="true"]')?.focus()
    }
    wasOnScreen.current = screen !== null
  }, [screen])

  // the skip link moves focus without touching the address, which says which screen is shown
  const skipTo = screen ? 'settings' : 'conversation'

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
        {screen ? t('app.skipToSettings') : t('app.skipToConversation')}
      </a>
      <DeskHeader
        displayName={session.user.displayName}
        online={events.online}
        settingsHref={
          coordinated[0] ? settingsHref(routeHelpline('settings') ?? coordinated[0].helplineId) : null
        }
        onSettings={screen?.name === 'settings'}
        cannedHref={
          coordinated[0] ? cannedRepliesHref(routeHelpline('canned') ?? coordinated[0].helplineId) : null
        }
        onCanned={screen?.name === 'canned'}
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
      {events.databaseLost && (
        <div className="error-alert">
          <p role="alert">{t('service.databaseLost')}</p>
        </div>
      )}
      {failure && <ErrorAlert key={failure.seq} error={failure.error} onDismiss={dismissError} />}
      {supervisesAny && (
        <SupervisorAlerts
          flags={events.flags}
          helpRequests={events.helpRequests}
          sound={sound}
          onAcknowledge={async (flagId) => {
            setError(null)
            try {
              await acknowledgeFlag(flagId)
              events.dropFlag(flagId)
            } catch (error) {
              setError(error)
              open.reload()
            }
          }}
          onDismissHelp={events.dismissHelp}
        />
      )}
      <ArrivalNotice
        arrivals={events.arrivals}
        blocks={events.blocks}
        labels={labels}
        onDismiss={events.dismissArrival}
        onDismissBlock={events.dismissBlock}
      />
      {screen?.element}
      <WorkspaceScreen
        session={session}
        hidden={screen !== null}
        selectedId={selectedId}
        labels={labels}
        queue={queue}
        open={open}
        desks={desks}
        supervises={supervises}
        coordinates={coordinates}
        revealVersion={events.revealVersion}
        caseVersion={events.caseVersion}
        callbackVersion={events.callbackVersion}
        onError={setError}
        announce={setAnnouncement}
      />
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </div>
  )
}

// What the console socket tells the desk, wherever the operator is in it: conversations and
// messages land in the queue and the open conversation; new waiting people and decisions are
// announced (and chimed), and so are conversations handed to the operator and a supervisor's
// block of the person in one of theirs; flags and calls for a supervisor reach the supervisors' alerts; live
// screens (the room), the reveal requests' state, the cases and referrals shown and the desk's settings read again
// when something changed.
import type {
  BlockNotice,
  ConversationView,
  FlagAlert,
  HelpRequest,
  RevealRequestChange,
} from '@ascolto/protocol'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listOpenFlags } from '../api/desk.ts'
import { chime, notify } from './chime.ts'
import type { useLabels } from './labels.ts'
import { SnapshotReads } from './snapshot-reads.ts'
import { previewOutdated } from './updates.ts'
import { QUEUE_HREF } from './use-hash-route.ts'
import type { useOpenConversation } from './use-open-conversation.ts'
import type { useQueue } from './use-queue.ts'
import { useRealtime } from './use-realtime.ts'

type Options = {
  myId: string
  labels: ReturnType<typeof useLabels>
  queue: ReturnType<typeof useQueue>
  open: ReturnType<typeof useOpenConversation>
  selectedId: string | null
  sound: boolean
  supervises: (helplineId: string) => boolean
  supervisesAny: boolean
  onError: (error: unknown) => void
  announce: (text: string) => void
  onSignedOut: () => void
  /** The settings or canned replies of a helpline changed: its desk setup is read again. */
  onDeskChanged: (helplineId: string) => void
}

export function useDeskEvents(options: Options) {
  const { myId, labels, queue, open, selectedId, sound, supervises, onError, announce } = options
  const { t } = useTranslation()
  const [flags, setFlags] = useState<FlagAlert[]>([])
  // a flag raised while the open ones are read must not vanish under the answer
  const [flagReads] = useState(() => new SnapshotReads<FlagAlert[]>(setFlags))
  const [helpRequests, setHelpRequests] = useState<HelpRequest[]>([])
  const [arrivals, setArrivals] = useState<ConversationView[]>([])
  const [blocks, setBlocks] = useState<BlockNotice[]>([])
  const [databaseLost, setDatabaseLost] = useState(false)
  const [roomVersion, setRoomVersion] = useState(0)
  // reveal requests changed per conversation, and reconnections: what shows them reads them again
  const [revealChanges, setRevealChanges] = useState<Record<string, number>>({})
  const [connections, setConnections] = useState(0)
  // cases changed, counted per case id, per conversation id of theirs, and in all ('list')
  const [caseChanges, setCaseChanges] = useState<Record<string, number>>({})
  // referrals arrived or changed, in all: the referrals' screen reads again
  const [referralChanges, setReferralChanges] = useState(0)
  // call-backs asked for, scheduled or tried, in all: the call-back list reads again
  const [callbackChanges, setCallbackChanges] = useState(0)
  const shown = open.detail?.conversation

  /** What a change to a request to see an address is worth saying: a new one to a supervisor, a decision to the asker. */
  function revealNews(change: RevealRequestChange) {
    const known = [...queue.queue.waiting, ...queue.queue.mine, shown].find(
      (c) => c?.id === change.conversationId,
    )
    const name = known ? labels.pseudonym(known) : t('reveal.aPerson')
    if (change.requestedBy === myId) {
      const { state } = change
      return state === 'approved' || state === 'refused' ? t(`reveal.decided.${state}`, { name }) : null
    }
    return change.state === 'pending' && supervises(change.helplineId)
      ? t('reveal.newRequest', { name })
      : null
  }

  const online = useRealtime({
    onConnect: () => {
      // the instance says so at once if its database is away
      setDatabaseLost(false)
      setConnections((n) => n + 1)
      queue.reload()
      open.reload()
      if (options.supervisesAny) flagReads.read(async () => (await listOpenFlags()).flags).catch(onError)
    },
    onConversation: (conversation) => {
      const isNew =
        conversation.status === 'waiting' && !queue.queue.waiting.some((c) => c.id === conversation.id)
      if (isNew) {
        const text = t('queue.newWaiting', { name: labels.pseudonym(conversation) })
        announce(text)
        if (sound) chime()
        notify(t('app.name'), text)
      }
      // handed over by someone else: it was in none of this operator's lists (taking one from the
      // waiting list is the operator's own doing), and it is not the one already on their screen
      const known = [...queue.queue.waiting, ...queue.queue.mine].some((c) => c.id === conversation.id)
      const handed = conversation.status === 'open' && conversation.assignee?.id === myId
      if (handed && !known && conversation.id !== selectedId) {
        const text = t('workspace.arrived', { name: labels.pseudonym(conversation) })
        setArrivals((all) => [...all.filter((c) => c.id !== conversation.id), conversation])
        announce(text)
        if (sound) chime()
        notify(t('app.name'), text)
      }
      // pushed without its preview (neither open here nor ours): read over the API, audited
      if (previewOutdated(queue.queue, conversation)) queue.reload()
      queue.place(conversation)
      open.applyConversation(conversation)
      setRoomVersion((n) => n + 1)
    },
    onRemoved: (conversationIds) => {
      queue.remove(conversationIds)
      if (selectedId && conversationIds.includes(selectedId)) {
        window.location.hash = QUEUE_HREF
        announce(t('erase.gone'))
      }
      setRoomVersion((n) => n + 1)
    },
    onMessage: (message, created) => {
      if (message.withheld) {
        // the one on screen, before this socket followed it: read it again (and follow it)
        if (shown && message.conversationId === shown.id) open.reload()
        return
      }
      open.applyMessage(message)
      const heard = created && message.direction === 'inbound' && message.hidden === null
      if (heard && shown && message.conversationId === shown.id) {
        announce(t('conversation.newMessage', { name: labels.pseudonym(shown), text: message.text }))
      }
    },
    onUnauthenticated: options.onSignedOut,
    onFlag: (flag) => {
      if (!supervises(flag.helplineId)) return
      flagReads.apply((all) => [
        ...all.filter((f) => f.id !== flag.id),
        ...(flag.acknowledgedAt ? [] : [flag]),
      ])
      if (!flag.acknowledgedAt) notify(t('app.name'), t(`flag.kinds.${flag.kind}`))
    },
    onHelpRequest: (help) => {
      if (!supervises(help.helplineId) || help.requestedBy.id === myId) return
      setHelpRequests((all) => [...all.filter((h) => h.conversationId !== help.conversationId), help])
    },
    onRevealRequest: (change) => {
      setRevealChanges((all) => ({ ...all, [change.conversationId]: (all[change.conversationId] ?? 0) + 1 }))
      const text = revealNews(change)
      if (!text) return
      announce(text)
      notify(t('app.name'), text)
    },
    onCase: (change) => {
      setCaseChanges((all) => {
        const next = { ...all }
        for (const key of [change.caseId, ...change.conversationIds, 'list']) next[key] = (next[key] ?? 0) + 1
        return next
      })
    },
    onReferral: () => setReferralChanges((n) => n + 1),
    onCallbacks: () => setCallbackChanges((n) => n + 1),
    onBlocked: (notice) => {
      const text = t('workspace.blockedBy', {
        name: labels.pseudonym(notice),
        by: notice.blockedBy.displayName,
      })
      setBlocks((all) => [...all.filter((b) => b.conversationId !== notice.conversationId), notice])
      announce(text)
      if (sound) chime()
      notify(t('app.name'), text)
    },
    onDeskChanged: options.onDeskChanged,
    onDatabaseLost: (lost) => {
      setDatabaseLost(lost)
      if (!lost) {
        queue.reload()
        open.reload()
      }
    },
  })

  return {
    online,
    databaseLost,
    flags,
    /** A flag a supervisor took charge of here leaves the alerts at once. */
    dropFlag: (flagId: string) => flagReads.apply((all) => all.filter((f) => f.id !== flagId)),
    helpRequests,
    dismissHelp: (conversationId: string) =>
      setHelpRequests((all) => all.filter((h) => h.conversationId !== conversationId)),
    arrivals,
    dismissArrival: (conversationId: string) =>
      setArrivals((all) => all.filter((c) => c.id !== conversationId)),
    blocks,
    dismissBlock: (conversationId: string) =>
      setBlocks((all) => all.filter((b) => b.conversationId !== conversationId)),
    roomVersion,
    revealVersion: (conversationId: string) => connections + (revealChanges[conversationId] ?? 0),
    /** Grows when a case, a conversation's case or any case ('list') changed, or the socket reconnects. */
    caseVersion: (key: string) => connections + (caseChanges[key] ?? 0),
    /** Grows when a referral of the operator's helplines arrived or changed, or the socket reconnects. */
    referralVersion: connections + referralChanges,
    /** Grows when a call-back changed, or the socket reconnects. */
    callbackVersion: connections + callbackChanges,
  }
}

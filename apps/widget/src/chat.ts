import type {
  WidgetInfo,
  WidgetMessage,
  WidgetPrechatAnswers,
  WidgetResumeCode,
  WidgetWait,
} from '@ascolto/protocol'
import {
  ApiError,
  type Endpoint,
  endConversation,
  fetchInfo,
  fetchTranscript,
  postMessage,
  postSurvey,
  putLanguage,
} from './api.ts'
import { makeUuid, makeVisitorToken } from './ids.ts'
import { connectRealtime, type Realtime } from './realtime.ts'
import { fetchResumeCode, postResume } from './resume-api.ts'
import { clearSession, loadSession, type Queued, type QueuedMessage, saveSession } from './storage.ts'

// The conversation as the widget sees it, kept outside Preact so the UI only renders a snapshot.
// Nothing here touches the network before start(), which the panel calls when it first opens.

/** A message the server refused (a 4xx): shown with the reason, no longer retried. */
export type FailedMessage = QueuedMessage & { error: string }

export type ChatState = {
  /** ended: the person ended the chat; a new one needs a new Chat. */
  phase: 'idle' | 'loading' | 'ready' | 'unavailable' | 'ended'
  info: WidgetInfo | null
  /** The server cannot be reached right now. */
  offline: boolean
  /** What the server has stored, oldest first. */
  messages: WidgetMessage[]
  /** What the person wrote (and the survey's answers) that the server has not confirmed, in order. */
  queue: Queued[]
  failed: FailedMessage[]
  /** The head of the queue has failed at least once and waits for a retry. */
  retrying: boolean
  /** The answers before the chat and the policy accepted, sent with the messages; null: not given yet. */
  prechat: WidgetPrechatAnswers | null
  /** A volunteer is writing. */
  typing: boolean
  /** Someone of the line is with the person: the banner says so, not "closed". */
  attended: boolean
  /** The newest of the person's messages the helpline has seen. */
  seenId: string | null
  /** While the person waits: their place and expected wait, as the server pushes them. */
  wait: WidgetWait | null
  /** The survey after the close: due (shown), sending (answered, not yet confirmed), thanked, or none. */
  survey: 'none' | 'due' | 'sending' | 'thanked'
}

export type Chat = {
  getState(): ChatState
  subscribe(listener: () => void): () => void
  start(): void
  send(text: string): void
  /** The answers before the chat (and the policy accepted): the chat can begin. */
  answer(prechat: WidgetPrechatAnswers): void
  /** The person is writing, or stopped. */
  typing(active: boolean): void
  /** The person has the helpline's newest message in view. */
  seen(): void
  /** "End chat": closes the conversation on the server and forgets it in this tab. */
  end(): void
  /** The language the person reads the widget in: sent with each message, and at once to a conversation under way. */
  setLanguage(language: string): void
  /** The survey's answers (question id → 1–5 or yes/no); none: the person skipped it. */
  answerSurvey(answers: Record<string, number | boolean>): void
  /** Quick exit: closes the conversation on the server, closes the socket, stops every retry, and never writes to storage again. */
  stop(): void
  /** A code to continue this conversation later from any device: shown to the person, never kept here. */
  resumeCode(): Promise<WidgetResumeCode>
  /** Goes on with the conversation of a code written down earlier; 'wrong': it does not work, 'busy': try later. */
  resume(code: string): Promise<'resumed' | 'wrong' | 'busy'>
}

/** Same as MAX_TEXT_LENGTH in the protocol package, which ships no values to the browser. */
export const MAX_TEXT_LENGTH = 4096

const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2)

const byCreatedAt = (a: WidgetMessage, b: WidgetMessage) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0

export function createChat(endpoint: Endpoint): Chat {
  let state: ChatState = {
    phase: 'idle',
    info: null,
    offline: false,
    messages: [],
    queue: [],
    failed: [],
    retrying: false,
    prechat: null,
    typing: false,
    attended: false,
    seenId: null,
    wait: null,
    survey: 'none',
  }
  const listeners = new Set<() => void>()
  let token = ''
  /** The token came from an earlier page of this tab, so the server may hold a history for it. */
  let resumed = false
  let socketDown = false
  let restDown = false
  let infoAttempt = 0
  let infoTimer: ReturnType<typeof setTimeout> | undefined
  let sending = false
  let language: string | undefined
  /** The person's choices of language go one after another: the last one is the last written. */
  let languageSent: Promise<unknown> = Promise.resolve()
  /** The message on its way now: "end chat" waits for it, so the end is not read before it. */
  let posting: Promise<unknown> = Promise.resolve()
  let sendAttempt = 0
  let sendTimer: ReturnType<typeof setTimeout> | undefined
  /** The connection came back while a request was on its way: if it fails, it is tried again at once. */
  let woken = false
  /** Survey answers the server confirmed: a transcript asked for before one of them is stale about the survey. */
  let surveysAnswered = 0
  let realtime: Realtime | undefined
  let seenSent: string | undefined
  let stopped = false
  /** Quick exit: not even the screen changes any more. */
  let quiet = false
  /** The end of the conversation on the server, which the survey's answers must follow. */
  let ending: Promise<unknown> = Promise.resolve()

  const update = (patch: Partial<ChatState>) => {
    if (quiet) return
    state = { ...state, ...patch, offline: socketDown || restDown }
    for (const listener of listeners) listener()
  }
  const reachable = (yes: boolean) => {
    restDown = !yes
    update({})
  }
  // A new session stays in memory until the helpline has said whether it may outlive the page;
  // an ended one is forgotten, though its survey's answers may still be on their way.
  const persist = () =>
    !stopped &&
    state.phase !== 'ended' &&
    saveSession(
      endpoint.channel,
      { token, messages: state.messages, queue: state.queue, prechat: state.prechat },
      state.info?.keepSession,
    )

  /** Adds messages (deduplicated by id) and drops from the queue whatever the server now holds. */
  const addMessages = (incoming: WidgetMessage[]) => {
    const byId = new Map<string, WidgetMessage>()
    for (const message of state.messages) byId.set(message.id, message)
    for (const message of incoming) byId.set(message.id, message)
    const messages = Array.from(byId.values()).sort(byCreatedAt)
    const stored = new Set(messages.map((message) => message.clientId))
    update({ messages, queue: state.queue.filter((queued) => !stored.has(queued.clientId)) })
    persist()
  }

  const loadInfo = async () => {
    clearTimeout(infoTimer)
    try {
      const info = await fetchInfo(endpoint)
      // An `online` event may have started a second request meanwhile: only the first one counts.
      if (state.phase !== 'loading') return
      reachable(true)
      update({ info, phase: 'ready' })
      persist()
      onReady()
    } catch (error) {
      if (error instanceof ApiError) return update({ phase: 'unavailable' })
      reachable(false)
      infoTimer = setTimeout(loadInfo, backoff(infoAttempt++))
    }
  }

  const loadHistory = async () => {
    const answeredBefore = surveysAnswered
    try {
      const { messages, surveyDue, attended } = await fetchTranscript(endpoint, token)
      reachable(true)
      addMessages(messages)
      update({ attended })
      // answers confirmed while this transcript was on its way: its "due" is from before them
      if (surveyDue && answeredBefore === surveysAnswered) offerSurvey()
    } catch (error) {
      // A 4xx means the server has nothing for this token yet; that is not a connection problem.
      if (!(error instanceof ApiError)) reachable(false)
    }
  }

  /**
   * Sends the queue in order, one at a time, so the helpline reads the messages as written; once
   * the chat has ended, only the survey's answers are left in it.
   */
  const flush = () => {
    clearTimeout(sendTimer)
    if (stopped || sending) return
    if (state.phase === 'ended' || (state.phase === 'ready' && prechatDone())) void pump()
  }
  const pump = async () => {
    sending = true
    for (let head = state.queue[0]; head && !stopped; head = state.queue[0]) {
      woken = false
      const sent = head.clientId
      const done = (patch: Partial<ChatState> = {}) => {
        sendAttempt = 0
        update({ ...patch, retrying: false, queue: state.queue.filter((queued) => queued.clientId !== sent) })
        persist()
      }
      try {
        if ('answers' in head) {
          await ending
          await postSurvey(endpoint, token, { answers: head.answers })
          surveysAnswered++
          reachable(true)
          done(surveyAnswered(true))
        } else {
          const prechat = state.prechat ?? undefined
          const post = postMessage(endpoint, token, { clientId: sent, text: head.text, prechat, language })
          posting = post.catch(() => undefined)
          const message = await post
          reachable(true)
          done()
          addMessages([message])
        }
      } catch (error) {
        if (!(error instanceof ApiError)) {
          // Kept with the same clientId: if the server did store it, the retry is answered as a duplicate.
          reachable(false)
          // It failed on the way out but the connection is back since: now, not at the next backoff step.
          if (woken) continue
          update({ retrying: true })
          sendTimer = setTimeout(flush, backoff(sendAttempt++))
          break
        }
        // A survey answered already (an earlier try got there, its answer did not come back) is done.
        if ('answers' in head) {
          if (error.status === 409) surveysAnswered++
          done(surveyAnswered(error.status === 409))
        } else done({ failed: [...state.failed, { ...head, error: error.message }] })
      }
    }
    sending = false
    settle()
  }

  /** The survey's answers are with the server (or refused): thanks, unless the person wrote on since. */
  const surveyAnswered = (taken: boolean): Partial<ChatState> =>
    state.survey === 'sending' ? { survey: taken ? 'thanked' : 'none' } : {}

  /** An ended chat with nothing left to send nor to ask lets go of the page's events. */
  const settle = () => {
    if (state.phase === 'ended' && state.queue.length === 0 && state.survey !== 'due') halt()
  }

  /** The helpline closed the conversation: its survey, when this door has one. */
  const offerSurvey = () => {
    // answers (or a skip) still in the outbox are this close's: the server cannot know them yet
    const waiting = state.queue.some((queued) => 'answers' in queued)
    if (state.info?.survey && state.survey !== 'due' && !waiting) update({ survey: 'due' })
  }

  const onReady = () => {
    if (stopped) return
    realtime = connectRealtime(endpoint.server, endpoint.channel, token, {
      onMessage: (message) => {
        addMessages([message])
        if (message.direction === 'outbound')
          update({ typing: false, attended: state.attended || message.fromLine })
      },
      onTyping: (typing) => update({ typing, attended: state.attended || typing }),
      onSeen: (seenId) => update({ seenId }),
      onSurvey: () => {
        update({ wait: null })
        offerSurvey()
      },
      onWait: (wait) => update({ wait }),
      onUp: (again) => {
        socketDown = false
        restDown = false
        update({})
        if (again) void loadHistory()
        wake()
      },
      onDown: () => {
        socketDown = true
        update({ typing: false })
      },
    })
    if (resumed) void loadHistory()
    flush()
  }

  const onOffline = () => reachable(false)

  const onOnline = () => {
    infoAttempt = 0
    if (state.phase === 'loading') void loadInfo()
    if (state.phase === 'ready') void loadHistory()
    wake()
  }

  /**
   * The connection is back (the socket reconnected, or the browser is online again): what waits
   * goes now, the backoff starts again from its first step, and a request that was on its way
   * while the connection came back is tried again as soon as it fails.
   */
  const wake = () => {
    sendAttempt = 0
    if (sending) woken = true
    else flush()
  }

  /** The questions before the chat are answered and the policy accepted, or there are none. */
  const prechatDone = () => {
    const info = state.info
    if (!info || (info.questions.length === 0 && !info.policy)) return true
    // A conversation that has begun was begun with them (or before the helpline asked).
    return state.prechat !== null || state.messages.length > 0
  }

  const halt = () => {
    clearTimeout(infoTimer)
    clearTimeout(sendTimer)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
    realtime?.close()
  }

  /** Closes the conversation on the server: the token from this page, or from an earlier page of the tab. */
  const endOnServer = (after: Promise<unknown> = Promise.resolve()) => {
    const known = token || loadSession(endpoint.channel)?.token
    if (known) ending = after.then(() => endConversation(endpoint, known)).catch(() => undefined)
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      if (state.phase !== 'idle') return
      const saved = loadSession(endpoint.channel)
      token = saved?.token ?? makeVisitorToken()
      resumed = saved !== null
      update({
        phase: 'loading',
        messages: saved?.messages ?? [],
        queue: saved?.queue ?? [],
        prechat: saved?.prechat ?? null,
      })
      persist()
      window.addEventListener('online', onOnline)
      window.addEventListener('offline', onOffline)
      void loadInfo()
    },
    send(text) {
      const trimmed = text.trim().slice(0, MAX_TEXT_LENGTH)
      if (!trimmed) return
      const queued = { clientId: makeUuid(), text: trimmed, createdAt: new Date().toISOString() }
      // writing again starts a new conversation: the thanks for the last one's survey has done its part
      update({ queue: [...state.queue, queued], survey: 'none' })
      persist()
      flush()
    },
    answer(prechat) {
      update({ prechat })
      persist()
      flush()
    },
    typing(active) {
      realtime?.emit('typing', active)
    },
    seen() {
      const newest = state.messages.filter((message) => message.direction === 'outbound').pop()
      if (!newest || newest.id === seenSent) return
      seenSent = newest.id
      realtime?.emit('seen', newest.id)
    },
    end() {
      if (stopped || state.phase === 'ended') return
      clearTimeout(infoTimer)
      clearTimeout(sendTimer)
      realtime?.close()
      // after the message on its way, if any (quick exit cannot wait: the page goes at once)
      endOnServer(posting)
      clearSession(endpoint.channel)
      update({
        phase: 'ended',
        messages: [],
        queue: [],
        failed: [],
        retrying: false,
        typing: false,
        attended: false,
        wait: null,
        survey: state.info?.survey && state.messages.length > 0 ? 'due' : 'none',
      })
      settle()
    },
    setLanguage(chosen) {
      if (chosen === language) return
      language = chosen
      // best effort: the next message carries it anyway
      if (token && state.messages.length > 0) {
        const visitor = token
        languageSent = languageSent.then(() => putLanguage(endpoint, visitor, chosen)).catch(() => undefined)
      }
    },
    answerSurvey(answers) {
      // in the outbox like a message: retried until the server has it, never twice (a second is a 409)
      const queued = { clientId: makeUuid(), answers, createdAt: new Date().toISOString() }
      update({
        queue: [...state.queue, queued],
        survey: Object.keys(answers).length > 0 ? 'sending' : 'none',
      })
      persist()
      flush()
    },
    stop() {
      if (!stopped && state.phase !== 'ended') endOnServer()
      stopped = true
      quiet = true
      halt()
    },
    resumeCode: () => fetchResumeCode(endpoint, token),
    async resume(code) {
      try {
        await postResume(endpoint, token, code)
      } catch (error) {
        // unknown, wrong, used or expired: one answer; a malformed code is as wrong
        return error instanceof ApiError && error.status !== 403 ? 'wrong' : 'busy'
      }
      resumed = true
      await loadHistory()
      return 'resumed'
    },
  }
}

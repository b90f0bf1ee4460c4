import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { Chat } from './chat.ts'
import { listenForExitKeys, quickExit } from './exit.ts'
import { browserLanguages, LANGUAGES, offeredLanguages, pickLanguage, useWords } from './i18n.ts'
import { ChatIcon } from './icons.tsx'
import { useLeaveWarning } from './leave-warning.ts'
import { Panel } from './Panel.tsx'
import { useChatState } from './useChatState.ts'

type Props = {
  /** The server's origin, where the language files are. */
  server: string
  /** A new conversation: the first one, and another after "end chat". */
  makeChat: () => Chat
  /** Filling its container and open from the start, with no launcher and no close button. */
  fullPage: boolean
  /** Chosen by the embedding page; otherwise the browser's languages, the page's, the helpline's. */
  locale?: string
  /** Where quick exit goes; read when leaving, so the page may set it late. */
  exitUrl: () => string | null | undefined
  /** In the bottom left corner (chosen, or a right-to-left page) rather than the right. */
  atLeft: boolean
  /** A conversation from an earlier page of this tab exists: quick exit keys work before opening. */
  hasSession: boolean
}

export function Widget({ server, makeChat, fullPage, atLeft, locale, exitUrl, hasSession }: Props) {
  const [chat, setChat] = useState(makeChat)
  const state = useChatState(chat)
  const [open, setOpen] = useState(fullPage)
  // The panel is mounted on first open and then only hidden, so a draft survives closing it.
  const [mounted, setMounted] = useState(fullPage)
  // The person's own choice, else the page's, their browser's, the page's language, the door's;
  // among the helpline's languages once they are known.
  const [chosen, setChosen] = useState<string | null>(null)
  const languages = offeredLanguages(state.info?.languages)
  const lang = pickLanguage(state.info ? languages : null, [
    chosen,
    locale,
    ...browserLanguages(),
    document.documentElement.lang,
    state.info?.locale,
  ])
  // a language file is fetched once the person opens the chat, never for a page view
  const words = useWords(server, mounted ? lang : null)
  const t = words.chat
  // what the person reads is the conversation's language on the server: not the Italian shown while
  // another language's words are on their way (told too, it raced the chosen one's, and could win)
  useEffect(() => {
    if (!words.arriving) chat.setLanguage(t.lang)
  }, [chat, t.lang, words.arriving])
  const launcherRef = useRef<HTMLButtonElement>(null)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const wasOpen = useRef(open)
  const [gone, setGone] = useState(false)
  const leave = () => {
    setGone(true)
    quickExit(chat, exitUrl())
  }
  const leaveRef = useRef(leave)
  leaveRef.current = leave
  // closing the tab mid-conversation is asked first, and the code to continue offered (leave-warning.ts)
  const [warned, setWarned] = useState(false)
  const talking = state.phase === 'ready' && (state.messages.length > 0 || state.queue.length > 0)
  useLeaveWarning(talking, () => setWarned(true))

  // Escape three times quickly leaves, once the person has a conversation (or the chat open): on a
  // page where nobody used the chat, Escape keeps meaning what the page means by it.
  const armed = mounted || hasSession
  useEffect(() => (armed ? listenForExitKeys(() => leaveRef.current()) : undefined), [armed])

  // A layout effect, so focus has moved by the time the update is on screen.
  useLayoutEffect(() => {
    if (open) {
      chat.start()
      // A full page opens with the page: stealing focus there would pop up a phone's keyboard.
      if (!fullPage) inputRef.current?.focus()
    } else if (wasOpen.current) {
      launcherRef.current?.focus()
    }
    wasOpen.current = open
  }, [open, chat, fullPage])

  // The helpline sees "seen" once the person has the panel open on a visible page.
  const newest = state.messages[state.messages.length - 1]?.id
  useEffect(() => {
    if (!open || !newest) return
    const look = () => document.visibilityState === 'visible' && chat.seen()
    look()
    document.addEventListener('visibilitychange', look)
    return () => document.removeEventListener('visibilitychange', look)
  }, [open, newest, chat])

  if (gone) return null
  return (
    <div class={`root${fullPage ? ' full' : ''}${atLeft ? ' at-left' : ''}`} lang={t.lang} dir={t.dir}>
      {!fullPage && (
        <button
          ref={launcherRef}
          type="button"
          class="launcher"
          aria-haspopup="dialog"
          hidden={open}
          onClick={() => {
            setMounted(true)
            setOpen(true)
          }}
        >
          <ChatIcon />
          <span class="sr" lang={lang}>
            {LANGUAGES[lang]?.[1]}
          </span>
        </button>
      )}
      {mounted && (
        <Panel
          state={state}
          t={t}
          open={open}
          fullPage={fullPage}
          inputRef={inputRef}
          onSend={chat.send}
          onTyping={chat.typing}
          onAnswer={chat.answer}
          onSurvey={chat.answerSurvey}
          onClose={() => setOpen(false)}
          onExit={leave}
          onEnd={chat.end}
          warned={warned}
          getCode={chat.resumeCode}
          onResume={chat.resume}
          languages={languages}
          onLanguage={setChosen}
          onNewChat={() => {
            const next = makeChat()
            setWarned(false)
            setChat(() => next)
            next.start()
          }}
        />
      )}
    </div>
  )
}

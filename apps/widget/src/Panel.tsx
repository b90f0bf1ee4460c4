import type { WidgetPrechatAnswers, WidgetResumeCode } from '@ascolto/protocol'
import type { Ref } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { Composer } from './Composer.tsx'
import { ContinueLater } from './ContinueLater.tsx'
import type { ChatState } from './chat.ts'
import { fill, LANGUAGES, minutesIn, type Strings } from './i18n.ts'
import { CloseIcon } from './icons.tsx'
import { MessageList } from './MessageList.tsx'
import { Prechat } from './Prechat.tsx'
import { ResumeForm } from './ResumeForm.tsx'
import { Survey } from './Survey.tsx'
import { downloadTranscript } from './transcript.ts'

type Props = {
  state: ChatState
  t: Strings
  open: boolean
  fullPage: boolean
  inputRef: Ref<HTMLTextAreaElement>
  onSend: (text: string) => void
  onTyping: (active: boolean) => void
  onAnswer: (prechat: WidgetPrechatAnswers) => void
  onSurvey: (answers: Record<string, number | boolean>) => void
  onClose: () => void
  onExit: () => void
  onEnd: () => void
  onNewChat: () => void
  /** The browser has just asked the person whether to leave: the code to continue is offered at once. */
  warned: boolean
  getCode: () => Promise<WidgetResumeCode>
  onResume: (code: string) => Promise<'resumed' | 'wrong' | 'busy'>
  /** The widget's languages the helpline offers; the person may switch among them. */
  languages: readonly string[]
  onLanguage: (language: string) => void
}

/** Whether the questions before the chat must be answered first. */
const asksFirst = (state: ChatState) =>
  state.info !== null &&
  (state.info.questions.length > 0 || state.info.policy !== null) &&
  state.prechat === null &&
  state.messages.length === 0

export function Panel(props: Props) {
  const { state, t, open, fullPage, onClose, onExit } = props
  const title = state.info?.helplineName ?? t.defaultTitle
  const ended = state.phase === 'ended'
  return (
    <section
      id="panel"
      class="panel"
      // Not modal: the host page stays usable. As a full page it is simply a named region.
      role={fullPage ? undefined : 'dialog'}
      aria-labelledby="title"
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !fullPage) {
          event.stopPropagation()
          onClose()
        }
      }}
    >
      <header class="header">
        <h2 id="title" class="title" dir="auto">
          {title}
        </h2>
        <div class="actions">
          {props.languages.length > 1 && (
            // a native select (phones and screen readers know it) under a short visible code, so
            // the helpline's name keeps the header's room
            <span class="language">
              <span aria-hidden="true">{t.lang.toUpperCase()}</span>
              <select
                aria-label={t.language}
                value={t.lang}
                onChange={(event) => props.onLanguage(event.currentTarget.value)}
              >
                {props.languages.map((language) => (
                  <option key={language} value={language} lang={language}>
                    {LANGUAGES[language]?.[0]}
                  </option>
                ))}
              </select>
            </span>
          )}
          <button type="button" class="exit" aria-label={t.exitLabel} onClick={onExit}>
            {t.exit}
          </button>
          {!fullPage && (
            <button type="button" class="icon-button" onClick={onClose}>
              <CloseIcon />
              <span class="sr">{t.closeChat}</span>
            </button>
          )}
        </div>
      </header>
      {state.info && !ended && (
        // someone of the line with the person outranks the hours: closing time does not end a conversation
        <p class={state.attended || state.info.open ? 'hours open' : 'hours'}>
          {state.attended ? t.attended : state.info.open ? t.openNow : closedText(state.info, t)}
        </p>
      )}
      {/* Always in the document, so screen readers announce the text when it appears or changes. */}
      <p role="status" class={waitText(state, t) && !ended ? 'wait' : 'sr'}>
        {ended ? '' : waitText(state, t)}
      </p>
      <p role="status" class={state.offline && !ended ? 'banner' : 'sr'}>
        {state.offline && !ended ? t.offline : ''}
      </p>
      {ended ? (
        <div class="ended">
          <p role="status">{t.ended}</p>
          <AfterClose {...props} />
          <button type="button" class="send" onClick={props.onNewChat}>
            {t.newChat}
          </button>
        </div>
      ) : (
        <Body {...props} title={title} />
      )}
    </section>
  )
}

function Body(props: Props & { title: string }) {
  const { state, t, open, inputRef, onSend, onTyping, onAnswer, onEnd, title } = props
  const fresh = state.messages.length === 0 && state.queue.length === 0
  const resume = fresh && state.phase === 'ready' && <ResumeForm t={t} onResume={props.onResume} />
  if (state.info && asksFirst(state)) {
    return (
      <div class="scroller">
        {resume}
        <Prechat info={state.info} t={t} onDone={onAnswer} />
      </div>
    )
  }
  return (
    <>
      <MessageList state={state} t={t} helplineName={title} open={open} />
      {state.phase === 'unavailable' ? (
        <p class="notice">{t.unavailable}</p>
      ) : state.survey === 'due' ? (
        <div class="notice survey-box">
          <AfterClose {...props} />
        </div>
      ) : (
        <>
          <AfterClose {...props} />
          {resume}
          <Composer t={t} inputRef={inputRef} onSend={onSend} onTyping={onTyping} />
        </>
      )}
      {state.messages.length > 0 && (
        <div class="tools">
          <ContinueLater t={t} warned={props.warned} getCode={props.getCode} />
          <button
            type="button"
            class="tool"
            onClick={() => downloadTranscript(state, { you: t.transcriptYou, helpline: title })}
          >
            {t.download}
          </button>
          <EndChat t={t} onEnd={onEnd} />
        </div>
      )}
    </>
  )
}

/** Where the person stands while nobody of the line is with them yet; '' otherwise. */
function waitText({ wait, attended }: ChatState, t: Strings): string {
  if (!wait || attended) return ''
  const queue = wait.place === 1 ? t.queueFirst : fill(t.queuePlace, { place: wait.place })
  if (wait.minutes !== null) return fill(t.waitAbout, { queue, minutes: minutesIn(t.lang, wait.minutes) })
  return fill(t.waitBusy, { queue, when: wait.answerBy ? answerBy(wait.answerBy, t) : t.soon })
}

/** Closed, and when it opens: the server's phrase is in the helpline's main language; in another, the time. */
function closedText(info: NonNullable<ChatState['info']>, t: Strings) {
  if (!info.nextOpening || !info.nextOpeningAt) return t.closedNow
  const next = t.lang === info.languages[0] ? info.nextOpening : answerBy(info.nextOpeningAt, t)
  return fill(t.closedUntil, { next })
}

/** "entro le 21:30", with the day ("sab 7") when it is not today, in the person's own time zone. */
function answerBy(iso: string, t: Strings) {
  const at = new Date(iso)
  const time = at.toLocaleTimeString(t.lang, { hour: '2-digit', minute: '2-digit' })
  if (at.toDateString() === new Date().toDateString()) return fill(t.byTime, { time })
  return fill(t.byDay, { time, day: at.toLocaleDateString(t.lang, { weekday: 'short', day: 'numeric' }) })
}

/** The survey when it is due, then its answers on their way and a thank-you (a status, so it is announced). */
function AfterClose({ state, t, onSurvey }: Props) {
  const questions = state.info?.survey
  if (state.survey === 'due' && questions) return <Survey questions={questions} t={t} onDone={onSurvey} />
  return (
    <p role="status" class="thanks">
      {state.survey === 'sending' ? t.surveySending : state.survey === 'thanked' ? t.surveyThanks : ''}
    </p>
  )
}

/** "End chat", asked once more: a slip of the thumb must not close the conversation. */
function EndChat({ t, onEnd }: { t: Strings; onEnd: () => void }) {
  const [asking, setAsking] = useState(false)
  const confirm = useRef<HTMLButtonElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)
  useEffect(() => {
    if (asking) confirm.current?.focus()
    else if (wasAsking.current) opener.current?.focus()
    wasAsking.current = asking
  }, [asking])
  if (!asking) {
    return (
      <button ref={opener} type="button" class="tool" onClick={() => setAsking(true)}>
        {t.endChat}
      </button>
    )
  }
  return (
    <fieldset class="confirm">
      <legend>{t.endChatQuestion}</legend>
      <button ref={confirm} type="button" class="tool strong" onClick={onEnd}>
        {t.endChatYes}
      </button>
      <button type="button" class="tool" onClick={() => setAsking(false)}>
        {t.endChatNo}
      </button>
    </fieldset>
  )
}

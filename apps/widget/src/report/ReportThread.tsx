import type { ReportAnswer, ReportMessageBody, ReportThread as Thread } from '@ascolto/protocol'
import { useState } from 'preact/hooks'
import type { ReportStrings } from './strings.ts'

/** The report's own answers (its first message's body), else null for a plain message. */
function answersOf(text: string): ReportAnswer[] | null {
  try {
    const body = JSON.parse(text) as ReportMessageBody
    return Array.isArray(body.report) ? body.report : null
  } catch {
    return null
  }
}

type Props = {
  thread: Thread
  t: ReportStrings
  busy: boolean
  note: string | null
  onAdd: (text: string) => Promise<boolean>
  onClose: () => void
}

/** The thread a receipt code opened: the report, the line's answers, what the reporter added. */
export function ReportThread({ thread, t, busy, note, onAdd, onClose }: Props) {
  const [draft, setDraft] = useState('')
  const answered = thread.messages.some((m) => m.direction === 'outbound' && m.fromLine)
  return (
    <section class="report-thread" aria-labelledby="thread-title">
      <h3 id="thread-title">{t.threadTitle}</h3>
      <ol class="report-messages">
        {thread.messages.map((message) => {
          const answers = message.direction === 'inbound' ? answersOf(message.text) : null
          return (
            <li key={message.id} class={message.direction === 'inbound' ? 'report-mine' : 'report-theirs'}>
              <p class="report-who">
                {answers ? t.yourReport : message.direction === 'inbound' ? t.you : t.line}
                {' · '}
                <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString(t.lang)}</time>
              </p>
              {answers ? (
                <dl class="report-answers">
                  {answers.map((answer) => (
                    <div key={answer.id}>
                      <dt dir="auto">{answer.label}</dt>
                      <dd dir="auto">
                        {answer.type === 'yesNo' ? (answer.value === 'yes' ? t.yes : t.no) : answer.value}
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p class="report-text" dir="auto">
                  {message.text}
                </p>
              )}
            </li>
          )
        })}
      </ol>
      {!answered && <p class="report-note">{t.noAnswerYet}</p>}
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          if (draft.trim() && (await onAdd(draft.trim()))) setDraft('')
        }}
      >
        <label for="report-add">{t.addLabel}</label>
        <textarea
          id="report-add"
          rows={3}
          maxLength={4000}
          dir="auto"
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="report-send" disabled={busy}>
          {t.add}
        </button>
      </form>
      <p role="status" class="report-note">
        {note ?? ''}
      </p>
      <button type="button" class="report-secondary" onClick={onClose}>
        {t.close}
      </button>
    </section>
  )
}

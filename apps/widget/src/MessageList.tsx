import { splitLinks } from '@ascolto/protocol/links'
import { useLayoutEffect, useRef } from 'preact/hooks'
import type { ChatState } from './chat.ts'
import type { Strings } from './i18n.ts'

type Item = {
  key: string
  mine: boolean
  text: string
  createdAt: string
  /** Why the message is not (yet) stored; absent once the server has it. */
  note?: string
  seen?: boolean
}

function toItems(state: ChatState, t: Strings): Item[] {
  const items: Item[] = state.messages.map((message) => ({
    key: message.id,
    mine: message.direction === 'inbound',
    text: message.text,
    createdAt: message.createdAt,
  }))
  // "Seen" goes on the person's newest message the helpline has seen, not on every earlier one.
  const seenAt = state.messages.findIndex((message) => message.id === state.seenId)
  for (let i = seenAt; i >= 0; i--) {
    const item = items[i]
    if (item?.mine) {
      item.seen = true
      break
    }
  }
  for (const failed of state.failed) {
    const note = failed.error ? `${t.notSent}: ${failed.error}` : t.notSent
    items.push({ key: failed.clientId, mine: true, text: failed.text, createdAt: failed.createdAt, note })
  }
  for (const queued of state.queue) {
    if (!('text' in queued)) continue
    const note = state.retrying ? t.waiting : t.sending
    items.push({ key: queued.clientId, mine: true, text: queued.text, createdAt: queued.createdAt, note })
  }
  return items
}

const timeOf = (iso: string, lang: string) => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })
}

type Props = { state: ChatState; t: Strings; helplineName: string; open: boolean }

export function MessageList({ state, t, helplineName, open }: Props) {
  const items = toItems(state, t)
  const scroller = useRef<HTMLDivElement>(null)
  // Whether the view follows new messages: yes, unless the person has scrolled up to reread.
  const following = useRef(true)
  const last = items[items.length - 1]

  useLayoutEffect(() => {
    const element = scroller.current
    if (element && open && (following.current || last?.mine)) element.scrollTop = element.scrollHeight
  }, [last?.key, last?.note, open])

  return (
    <div
      class="scroller"
      ref={scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48
      }}
    >
      <p class="intro">{state.phase === 'idle' || state.phase === 'loading' ? t.loading : t.intro}</p>
      <div class="log" role="log" aria-live="polite" aria-label={t.messages}>
        {items.map((item) => (
          <div key={item.key} class={item.mine ? 'message mine' : 'message theirs'}>
            <span class="sr">{item.mine ? t.you : helplineName}: </span>
            <p class="text" dir="auto">
              <LinkedText text={item.text} />
            </p>
            {item.note ? (
              <p class="meta">{item.note}</p>
            ) : (
              <p class="meta">
                <span aria-hidden="true">{timeOf(item.createdAt, t.lang)}</span>
                {item.seen && <span class="seen"> · {t.seen}</span>}
              </p>
            )}
          </div>
        ))}
      </div>
      <p class="typing" aria-live="polite">
        {state.typing ? t.typing : ''}
      </p>
    </div>
  )
}

/**
 * The text with its http(s) addresses clickable, opened in a new tab that cannot reach back to
 * the host page (noopener) nor tell it where it came from (noreferrer); the rest stays text.
 */
function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.href ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  )
}

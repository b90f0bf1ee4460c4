import type { Ref } from 'preact'
import { Composer } from './Composer.tsx'
import type { ChatState } from './chat.ts'
import type { Strings } from './i18n.ts'
import { CloseIcon } from './icons.tsx'
import { MessageList } from './MessageList.tsx'

type Props = {
  state: ChatState
  t: Strings
  open: boolean
  fullPage: boolean
  inputRef: Ref<HTMLTextAreaElement>
  onSend: (text: string) => void
  onClose: () => void
  onExit: () => void
}

export function Panel({ state, t, open, fullPage, inputRef, onSend, onClose, onExit }: Props) {
  const title = state.info?.helplineName ?? t.defaultTitle
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
        <h2 id="title" class="title">
          {title}
        </h2>
        <div class="actions">
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
      {state.info && (
        <p class={state.info.open ? 'hours open' : 'hours'}>
          {state.info.open ? t.openNow : t.closedNow(state.info.nextOpening)}
        </p>
      )}
      {/* Always in the document, so screen readers announce the text when it appears. */}
      <p role="status" class={state.offline ? 'banner' : 'sr'}>
        {state.offline ? t.offline : ''}
      </p>
      <MessageList state={state} t={t} helplineName={title} open={open} />
      {state.phase === 'unavailable' ? (
        <p class="notice">{t.unavailable}</p>
      ) : (
        <Composer t={t} inputRef={inputRef} onSend={onSend} />
      )}
    </section>
  )
}

import { mount } from './mount.tsx'

// Entry of widget.js. Embedded as
//   <script src="https://SERVER/widget.js" data-ascolto-channel="CHANNEL_UUID" async></script>
// it starts by itself; otherwise a page calls window.Ascolto.init({ server, channel, container }).
// Loading opens no connection: the first request happens when the person opens the chat.

export type InitOptions = {
  /** The Ascolto server's origin, e.g. https://chat.example.org */
  server: string
  channel: string
  /** Fill this element and start open, as a full-page chat. */
  container?: HTMLElement
  /** Fill the whole viewport and start open. */
  fullPage?: boolean
  /** Overrides the language otherwise taken from the helpline, the page or the browser. */
  locale?: string
  /** The helpline's colour, '#rrggbb' (header, launcher, the person's messages); white text sits on it. */
  color?: string
  /** Where quick exit sends the person; a neutral search page by default. */
  exitUrl?: string
  /** Which bottom corner the launcher sits in; by default the right, or the left on a right-to-left page. */
  position?: 'left' | 'right'
  /** 'report': the helpline's report form ("Segnala", report/) instead of the chat; it fills its place. */
  mode?: 'chat' | 'report'
}

declare global {
  interface Window {
    /** `queued`: calls made to the loader's stand-in before this bundle arrived. */
    Ascolto?: { init: (options: InitOptions) => void; queued?: InitOptions[] }
  }
}

function init(options: InitOptions, exitUrl: () => string | null | undefined = () => options.exitUrl): void {
  const { server, channel, container, fullPage, locale, color, position, mode } = options
  const origin = new URL(server, location.href)
  if (origin.protocol !== 'https:' && origin.protocol !== 'http:') throw new Error('Ascolto: invalid server')
  if (!channel) throw new Error('Ascolto: missing channel')
  const start = () =>
    mount({ server: origin.origin, channel, container, fullPage, locale, color, position, exitUrl, mode })
  if (container || document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
}

/**
 * The tag the site embedded: the loader (widget.js) that added this bundle, or this script itself
 * where a page includes the bundle directly. currentScript is only set while the script first
 * runs, so read it now.
 */
function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript as (HTMLScriptElement & { ascoltoLoader?: unknown }) | null
  if (current?.ascoltoLoader instanceof HTMLScriptElement) return current.ascoltoLoader
  if (current instanceof HTMLScriptElement) return current
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src]')
  for (let i = scripts.length - 1; i >= 0; i--) {
    const script = scripts[i]
    if (script && /\/widget\.js(?:[?#]|$)/.test(script.src)) return script
  }
  return null
}

const script = ownScript()
const queued = window.Ascolto?.queued ?? []
window.Ascolto = { init: (options) => init(options) }
for (const options of queued) init(options)
const channel = script?.getAttribute('data-ascolto-channel')
if (script && channel) {
  // data-ascolto-container="ID": the chat fills that element of the page (e.g. a WordPress page).
  const containerId = script.getAttribute('data-ascolto-container')
  const position = script.getAttribute('data-ascolto-position')
  init(
    {
      server: script.src,
      channel,
      container: (containerId && document.getElementById(containerId)) || undefined,
      position: position === 'left' || position === 'right' ? position : undefined,
      fullPage: script.hasAttribute('data-ascolto-fullpage'),
      locale: script.getAttribute('data-ascolto-locale') ?? undefined,
      color: script.getAttribute('data-ascolto-color') ?? undefined,
      mode: script.getAttribute('data-ascolto-mode') === 'report' ? 'report' : undefined,
    },
    // Read when leaving, so a page can set it after the script has run.
    () => script.getAttribute('data-ascolto-exit-url'),
  )
}

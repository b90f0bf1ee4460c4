import { render } from 'preact'
import { createChat } from './chat.ts'
import { ReportWidget } from './report/ReportWidget.tsx'
import reportCss from './report/report.css?inline'
import { loadSession } from './storage.ts'
import css from './styles.css?inline'
import { Widget } from './Widget.tsx'

export type MountOptions = {
  server: string
  channel: string
  /** Fill this element, open from the start. */
  container?: HTMLElement
  /** Fill the viewport, open from the start. */
  fullPage?: boolean
  locale?: string
  /** The helpline's colour for the header, launcher and the person's messages: '#rrggbb'. */
  color?: string
  position?: 'left' | 'right'
  /** Where quick exit goes, read at the moment of leaving. */
  exitUrl: () => string | null | undefined
  /** 'report': the report form, filling its container or the viewport. */
  mode?: 'chat' | 'report'
}

// The widget lives in a shadow root, so the host page's CSS cannot break it and its CSS cannot
// leak into the page. The host element is fixed-positioned (or fills a container), so loading the
// widget never shifts the page's layout.
const FLOATING = 'position:fixed;right:0;bottom:0;width:0;height:0;z-index:2147483000'
const FULL_VIEWPORT = 'position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483000'
const IN_CONTAINER = 'position:relative;width:100%;height:100%'

export function mount(options: MountOptions): void {
  const { server, channel, container, locale, color, position, exitUrl, mode } = options
  const report = mode === 'report'
  const fullPage = options.fullPage || report
  const parent = container ?? document.body
  const existing = parent.querySelector(':scope > ascolto-widget')
  if (
    existing?.getAttribute('data-channel') === channel &&
    existing.getAttribute('data-mode') === (mode ?? null)
  )
    return
  const host = document.createElement('ascolto-widget')
  if (!('attachShadow' in host)) return
  host.setAttribute('data-channel', channel)
  if (mode) host.setAttribute('data-mode', mode)
  // Through the CSSOM rather than a style attribute, which a strict Content-Security-Policy blocks.
  host.style.cssText = `all:initial;display:block;${container ? IN_CONTAINER : fullPage ? FULL_VIEWPORT : FLOATING}`
  // White text sits on it: the helpline picks a dark enough colour (see the README).
  if (color && /^#[0-9a-f]{6}$/i.test(color)) host.style.setProperty('--ascolto-accent', color)
  const root = host.attachShadow({ mode: 'open' })
  // A constructed stylesheet also passes a strict CSP; a <style> element is the fallback.
  let styleElement = null
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(report ? css + reportCss : css)
    root.adoptedStyleSheets = [sheet]
  } else {
    styleElement = <style>{report ? css + reportCss : css}</style>
  }
  parent.appendChild(host)
  // The corner the page chose, or the host page's direction: on a right-to-left site, the left.
  const left = position ? position === 'left' : getComputedStyle(host).direction === 'rtl'
  render(
    <>
      {styleElement}
      {report ? (
        <ReportWidget endpoint={{ server, channel }} locale={locale} exitUrl={exitUrl} />
      ) : (
        <Widget
          server={server}
          makeChat={() => createChat({ server, channel })}
          fullPage={fullPage || container !== undefined}
          atLeft={left}
          locale={locale}
          exitUrl={exitUrl}
          hasSession={loadSession(channel) !== null}
        />
      )}
    </>,
    root,
  )
}

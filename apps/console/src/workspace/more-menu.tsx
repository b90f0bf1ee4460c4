// "Altro": the conversation's rare or destructive actions (block, legal hold, the address, export,
// erase) behind one button, each still opening its own dialog with its own confirmation. A
// disclosure, not an ARIA menu: its content is ordinary buttons and statuses, reached with Tab.
// Closed, its buttons are hidden but stay in the page, and so do its statuses, which stay in sight
// (where a request to see the address stands); the panel stays open while one of its dialogs is,
// so a dialog is never taken from under the operator; Escape or a click elsewhere closes it.
import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

export function MoreMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const outside = (event: PointerEvent) => {
      const inDialog = root.current?.querySelector('dialog[open]')
      if (!inDialog && !root.current?.contains(event.target as Node)) setOpen(false)
    }
    // Escape within the panel (not within one of its dialogs, which close themselves) closes it
    const onEscape = (event: KeyboardEvent) => {
      const target = event.target as Element
      if (event.key !== 'Escape' || !root.current?.contains(target) || target.closest('dialog')) return
      setOpen(false)
      toggle.current?.focus()
    }
    document.addEventListener('pointerdown', outside)
    document.addEventListener('keydown', onEscape)
    return () => {
      document.removeEventListener('pointerdown', outside)
      document.removeEventListener('keydown', onEscape)
    }
  }, [open])

  return (
    <div ref={root} className="more-menu">
      <button
        ref={toggle}
        type="button"
        className="button-quiet"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {t('workspace.more')}
      </button>
      <div id={id} className={open ? 'more-panel' : 'more-panel more-collapsed'}>
        {children}
      </div>
    </div>
  )
}

// A button that copies a text to the clipboard and says so in place, for a reader and a screen
// reader alike (the status is polite, the button keeps its name).
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 4000)
    return () => clearTimeout(timer)
  }, [state])
  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      setState('failed')
    }
  }
  return (
    <span className={className ?? 'copy-button'}>
      <button type="button" className="button-secondary" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted">
        {state === 'copied' ? t('joining.copied') : state === 'failed' ? t('joining.copyFailed') : ''}
      </span>
    </span>
  )
}

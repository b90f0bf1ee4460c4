import { useEffect, useRef, useState } from 'preact/hooks'
import type { ReportStrings } from './strings.ts'

/** The receipt code, shown once: large, grouped, selectable, with a copy button where the browser has one. */
export function Receipt({ code, t, onDone }: { code: string; t: ReportStrings; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section class="report-receipt" aria-labelledby="receipt-title">
      <h3 id="receipt-title" ref={heading} tabIndex={-1}>
        {t.sent}
      </h3>
      <p>{t.receiptIntro}</p>
      <p class="report-code-label">{t.receiptLabel}</p>
      <p class="report-code" translate={false}>
        {code}
      </p>
      {navigator.clipboard && (
        <button
          type="button"
          class="report-secondary"
          onClick={() =>
            navigator.clipboard.writeText(code).then(
              () => setCopied(true),
              () => undefined,
            )
          }
        >
          {t.copy}
        </button>
      )}
      <p role="status" class="report-note">
        {copied ? t.copied : ''}
      </p>
      <button type="button" class="report-send" onClick={onDone}>
        {t.noted}
      </button>
    </section>
  )
}

import type { WidgetResumeCode } from '@ascolto/protocol'
import { useEffect, useState } from 'preact/hooks'
import { fill, type Strings } from './i18n.ts'

// Leaving the tab ends what this device shows of the conversation: said here, with a code the
// person may write down to continue later from any device. The code is asked for only when the
// person wants one (or the browser has just asked them whether to leave), and kept in this
// component's memory alone.

type Props = { t: Strings; warned: boolean; getCode: () => Promise<WidgetResumeCode> }

export function ContinueLater({ t, warned, getCode }: Props) {
  const [code, setCode] = useState<WidgetResumeCode | null>(null)
  const [failed, setFailed] = useState(false)
  const ask = () => {
    setFailed(false)
    getCode().then(setCode, () => setFailed(true))
  }
  useEffect(() => {
    if (warned && !code) ask()
  }, [warned])

  if (!code) {
    return (
      <>
        <button type="button" class="tool" onClick={ask}>
          {t.continueLater}
        </button>
        {failed && (
          <p role="status" class="hint">
            {t.codeBusy}
          </p>
        )}
      </>
    )
  }
  return (
    <div class="continue" role="status">
      <p class="leave-note">
        {t.leaveNote} {t.codeIntro}
      </p>
      <p class="resume-code" translate={false}>
        {code.code}
      </p>
      <p class="hint">{fill(t.codeUntil, { date: new Date(code.until).toLocaleDateString(t.lang) })}</p>
    </div>
  )
}

// The top of a screen beside the desk (canned replies, the room, the reviews): the way back to
// the conversations, the heading (focused on arrival), and the helpline to show when there are several.
import type { Membership } from '@ascolto/protocol'
import { type RefObject, useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { QUEUE_HREF } from './use-hash-route.ts'

type Props = {
  headingId: string
  heading: RefObject<HTMLHeadingElement | null>
  title: string
  /** Several helplines: a picker, which goes to the address `hrefOf` gives. */
  helplines?: { all: Membership[]; current: string; hrefOf: (helplineId: string) => string }
}

export function ScreenTop({ headingId, heading, title, helplines }: Props) {
  const { t } = useTranslation()
  const picker = useId()
  // biome-ignore lint/correctness/useExhaustiveDependencies: focused once, on arrival
  useEffect(() => heading.current?.focus(), [])
  return (
    <div className="settings-top">
      <a className="settings-back" href={QUEUE_HREF}>
        <span aria-hidden="true">← </span>
        {t('settings.back')}
      </a>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {helplines && helplines.all.length > 1 && (
        <div className="field helpline-picker">
          <label htmlFor={picker}>{t('settings.helpline')}</label>
          <select
            id={picker}
            value={helplines.current}
            onChange={(event) => {
              window.location.hash = helplines.hrefOf(event.target.value)
            }}
          >
            {helplines.all.map((h) => (
              <option key={h.helplineId} value={h.helplineId}>
                {h.helplineName}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  )
}

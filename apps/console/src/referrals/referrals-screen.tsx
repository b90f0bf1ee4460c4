// A helpline's referrals: "Segnalazioni in entrata" from the other helplines (live: a new one
// appears at once), and those it sent, with the state the other side gave them.
import type { Membership, ReferralSummary } from '@ascolto/protocol'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDueTime } from '../cases/format-due.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { counterpart, ReferralDetail } from './referral-detail.tsx'
import { referralsHref } from './referral-route.ts'
import { listReferrals } from './referrals-api.ts'
import './referrals.css'

type Props = {
  helplines: Membership[]
  helplineId: string
  referralId: string | null
  version: number
  onError: (error: unknown) => void
}

export function ReferralsScreen({ helplines, helplineId, referralId, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [lists, setLists] = useState<{ in: ReferralSummary[]; out: ReferralSummary[] } | null>(null)
  // changes made here: the socket says them too, but the lists need not wait for it
  const [changedHere, setChangedHere] = useState(0)
  const changed = useCallback(() => setChangedHere((n) => n + 1), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `changedHere` say when to read again
  useEffect(() => {
    // an answer overtaken by a later read (or another helpline's) is dropped
    let current = true
    Promise.all([listReferrals(helplineId, 'in'), listReferrals(helplineId, 'out')]).then(
      ([incoming, outgoing]) => current && setLists({ in: incoming.referrals, out: outgoing.referrals }),
      onError,
    )
    return () => {
      current = false
    }
  }, [helplineId, version, changedHere, onError])

  const list = (direction: 'in' | 'out') => (
    <section className="referral-list" aria-label={t(`referrals.list.${direction}`)}>
      <h3>{t(`referrals.list.${direction}`)}</h3>
      {lists?.[direction].length === 0 && <p className="muted">{t(`referrals.none.${direction}`)}</p>}
      <ul>
        {lists?.[direction].map((r) => (
          <li key={r.id} aria-current={r.id === referralId ? 'true' : undefined}>
            <a href={referralsHref(helplineId, r.id)}>
              <span className="referral-name">{counterpart(r)}</span>
              <span className={`referral-state referral-state-${r.state}`}>
                {t(`referrals.states.${r.state}`)}
              </span>
              <span className="muted">
                {t(`referrals.urgencies.${r.urgency}`)} · {formatDueTime(r.createdAt, i18n.language)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )

  return (
    <main id="settings" className="settings-page referrals-page" tabIndex={-1} aria-labelledby={headingId}>
      <ScreenTop
        headingId={headingId}
        heading={heading}
        title={t('referrals.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: (id) => referralsHref(id) }}
      />
      <div className="referrals-layout">
        <div>
          {list('in')}
          {list('out')}
        </div>
        {referralId && (
          <ReferralDetail referralId={referralId} version={version} onChanged={changed} onError={onError} />
        )}
      </div>
    </main>
  )
}

// The supervisor's live room: every conversation of the helpline not closed, with its risk, how long
// it has waited, its last message, who handles it and its flags, the highest risk first, then
// overdue ones (marked); and who is on, with their
// availability and load. Opening a conversation from here is where to join, take over, reassign
// or close it. Kept current by the desk's socket (each change reloads the room).
import type { Membership, RoomView } from '@ascolto/protocol'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getRoom } from '../api/desk.ts'
import type { useLabels } from '../desk/labels.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { formatElapsed } from '../desk/time-format.ts'
import { conversationHref, roomHref } from '../desk/use-hash-route.ts'
import { useNow } from '../desk/use-now.ts'
import { RiskBadge } from '../risk/risk-badge.tsx'
import { byRisk } from '../risk/risk-order.ts'
import './room.css'
import { OnShiftPanel } from '../rota/on-shift-panel.tsx'
import { LanguagesCovered } from './languages-covered.tsx'

type Props = {
  helplines: Membership[]
  helplineId: string
  /** Changes whenever the socket says a conversation changed. */
  version: number
  labels: ReturnType<typeof useLabels>
  maxConcurrent: number | undefined
  onError: (error: unknown) => void
}

export function RoomScreen({ helplines, helplineId, version, labels, maxConcurrent, onError }: Props) {
  const { t, i18n } = useTranslation()
  const ids = { heading: useId(), conversations: useId(), operators: useId() }
  const heading = useRef<HTMLHeadingElement>(null)
  const [room, setRoom] = useState<RoomView | null>(null)
  const now = useNow()

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version asks for a reload
  useEffect(() => {
    let current = true
    getRoom(helplineId).then((loaded) => current && setRoom(loaded), onError)
    return () => {
      current = false
    }
  }, [helplineId, version, onError])

  const language = i18n.resolvedLanguage ?? 'it'
  const elapsed = (since: string) =>
    formatElapsed(now - Date.parse(since), language) ?? t('time.lessThanMinute')
  const time = new Intl.DateTimeFormat(language, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
  const clock = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' })
  const overdue = (dueAt: string | null) => dueAt !== null && Date.parse(dueAt) < now
  const conversations = [...(room?.conversations ?? [])].sort(
    (a, b) => byRisk(a, b) || Number(overdue(b.dueAt)) - Number(overdue(a.dueAt)),
  )

  return (
    <main id="settings" className="settings-page room-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop
        headingId={ids.heading}
        heading={heading}
        title={t('room.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: roomHref }}
      />
      {!room ? (
        <p className="muted" role="status">
          {t('room.loading')}
        </p>
      ) : (
        <>
          <section aria-labelledby={ids.conversations}>
            <h3 id={ids.conversations}>{t('room.conversations', { count: conversations.length })}</h3>
            {conversations.length === 0 ? (
              <p className="muted">{t('room.noConversations')}</p>
            ) : (
              <table className="room-table room-conversations">
                <thead>
                  <tr>
                    <th scope="col">{t('room.person')}</th>
                    <th scope="col">{t('room.channel')}</th>
                    <th scope="col">{t('room.handler')}</th>
                    <th scope="col">{t('room.waiting')}</th>
                    <th scope="col">{t('risk.lastMessage')}</th>
                    <th scope="col">{t('room.due')}</th>
                    <th scope="col">{t('room.flags')}</th>
                  </tr>
                </thead>
                <tbody>
                  {conversations.map((c) => (
                    <tr key={c.id} className={overdue(c.dueAt) ? 'overdue-row' : undefined}>
                      <th scope="row">
                        <a href={conversationHref(c.id)}>{labels.pseudonym(c)}</a>{' '}
                        <RiskBadge level={c.riskLevel} />
                      </th>
                      <td data-label={t('room.channel')}>{labels.conversationDoor(c)}</td>
                      <td data-label={t('room.handler')}>
                        {c.status === 'waiting' ? t('conversation.statusWaiting') : c.assignee?.displayName}
                      </td>
                      <td data-label={t('room.waiting')}>
                        {elapsed(c.status === 'waiting' ? c.openedAt : c.lastMessageAt)}
                      </td>
                      <td data-label={t('risk.lastMessage')}>{clock.format(new Date(c.lastMessageAt))}</td>
                      <td data-label={t('room.due')}>
                        {c.dueAt &&
                          (overdue(c.dueAt)
                            ? t('queue.overdue', { time: time.format(new Date(c.dueAt)) })
                            : time.format(new Date(c.dueAt)))}
                      </td>
                      <td data-label={t('room.flags')}>
                        {[
                          ...c.flags.map(
                            (f) =>
                              `${t(`flag.kinds.${f.kind}`)}${f.acknowledged ? '' : ` (${t('room.unacknowledged')})`}`,
                          ),
                          ...(c.helpRequested ? [t('help.waiting')] : []),
                        ].join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <OnShiftPanel helplineId={helplineId} version={version} onError={onError} />
          <LanguagesCovered helplineId={helplineId} version={version} onError={onError} />
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone, it scrolls sideways: the keyboard reaches it */}
          <section aria-labelledby={ids.operators} tabIndex={0}>
            <h3 id={ids.operators}>{t('room.operators')}</h3>
            <table className="room-table">
              <thead>
                <tr>
                  <th scope="col">{t('room.name')}</th>
                  <th scope="col">{t('room.role')}</th>
                  <th scope="col">{t('room.availability')}</th>
                  <th scope="col">{t('room.load')}</th>
                </tr>
              </thead>
              <tbody>
                {room.operators.map((o) => (
                  <tr key={o.id} className={o.signedIn ? undefined : 'signed-out-row'}>
                    <th scope="row">{o.displayName}</th>
                    <td>{t(`transfer.role.${o.role}`)}</td>
                    <td>{o.signedIn ? t(`availability.${o.availability}`) : t('room.signedOut')}</td>
                    <td>
                      {maxConcurrent
                        ? t('room.loadOf', { load: o.load, max: maxConcurrent })
                        : String(o.load)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </main>
  )
}

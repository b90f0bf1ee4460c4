// The rota of one helpline, a week at a time: the picture of the week over the opening hours,
// every gap named, the shifts with who is on them, who has not confirmed, a coordinator's new
// shift, and the operator's own calendar address.
import type { RotaWeek, SessionView } from '@ascolto/protocol'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../shell/error-alert.tsx'
import { TeamPage } from '../team/team-header.tsx'
import { CalendarFeed } from './calendar-feed.tsx'
import { gapName, whenOf } from './gap-names.ts'
import { OccurrenceCard } from './occurrence-card.tsx'
import { createShift, getRotaWeek } from './rota-api.ts'
import { rotaHref } from './rota-gate.tsx'
import { ShiftForm } from './shift-form.tsx'
import { ShiftReminder } from './shift-reminder.tsx'
import { WeekPicture } from './week-picture.tsx'
import './rota.css'

type Props = { session: SessionView; helplineId: string; onSignedOut: () => void }

const shiftWeek = (monday: string, weeks: number) =>
  new Date(new Date(`${monday}T12:00:00Z`).getTime() + weeks * 7 * 24 * 3600_000).toISOString().slice(0, 10)

export function RotaScreen({ session, helplineId, onSignedOut }: Props) {
  const { t, i18n } = useTranslation()
  const [monday, setMonday] = useState<string | undefined>()
  const [week, setWeek] = useState<RotaWeek | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [status, setStatus] = useState('')
  const myId = session.user.id
  const coordinates = session.memberships.some((m) => m.helplineId === helplineId && m.role === 'coordinator')
  const name = session.memberships.find((m) => m.helplineId === helplineId)?.helplineName ?? ''

  const reload = useCallback(
    () => getRotaWeek(helplineId, monday).then(setWeek, setFailure),
    [helplineId, monday],
  )
  useEffect(() => {
    reload()
  }, [reload])
  const act = (change: () => Promise<unknown>, done = t('rota.saved')) => {
    setFailure(null)
    setStatus('')
    change()
      .then(reload)
      .then(() => setStatus(done), setFailure)
  }
  const zone = week?.timeZone ?? 'Europe/Rome'
  const unconfirmed =
    week?.occurrences.flatMap((o) => o.assignments.filter((a) => !a.confirmed).map((a) => ({ o, a }))) ?? []

  return (
    <TeamPage
      className="team rota"
      displayName={session.user.displayName}
      helplines={session.memberships}
      helplineId={helplineId}
      hrefFor={rotaHref}
      onSignedOut={onSignedOut}
      title={
        <>
          {t('rota.title')} · {name}
        </>
      }
    >
      <p role="status" className="team-status">
        {status}
      </p>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      {!week ? (
        <p>{t('rota.loading')}</p>
      ) : (
        <>
          <nav className="rota-weeks" aria-label={t('rota.week', { date: week.week })}>
            <button
              type="button"
              className="button-secondary"
              onClick={() => setMonday(shiftWeek(week.week, -1))}
            >
              ← {t('rota.previous')}
            </button>
            <p className="rota-week-name">
              {t('rota.week', {
                date: new Date(`${week.week}T12:00:00Z`).toLocaleDateString(i18n.language, {
                  day: 'numeric',
                  month: 'long',
                  year: 'numeric',
                }),
              })}
            </p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => setMonday(shiftWeek(week.week, 1))}
            >
              {t('rota.next')} →
            </button>
          </nav>
          <div className="rota-top">
            <section aria-labelledby="rota-picture">
              <h2 id="rota-picture">{t('rota.picture')}</h2>
              <p className="hint">{t('rota.pictureHint')}</p>
              <WeekPicture week={week} />
            </section>
            <section aria-labelledby="rota-gaps">
              <h2 id="rota-gaps">{t('rota.gaps')}</h2>
              {week.gaps.length === 0 ? (
                <p>{t('rota.noGaps')}</p>
              ) : (
                <ul className="rota-gaps">
                  {week.gaps.map((gap) => (
                    <li key={`${gap.kind}-${gap.role}-${gap.startsAt}`}>
                      {gapName(gap, zone, i18n.language, t)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {coordinates && (
              <section aria-labelledby="rota-unconfirmed">
                <h2 id="rota-unconfirmed">{t('rota.unconfirmed')}</h2>
                {unconfirmed.length === 0 ? (
                  <p>{t('rota.allConfirmed')}</p>
                ) : (
                  <ul>
                    {unconfirmed.map(({ o, a }) => (
                      <li key={a.id}>
                        {a.displayName}: {whenOf(o.startsAt, o.endsAt, zone, i18n.language, t)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
          </div>
          <section aria-labelledby="rota-shifts">
            <h2 id="rota-shifts">{t('rota.shifts')}</h2>
            {week.occurrences.length === 0 ? (
              <p>{t('rota.noShifts')}</p>
            ) : (
              <ul className="rota-cards">
                {week.occurrences.map((o) => (
                  <OccurrenceCard
                    key={`${o.shiftId}-${o.date}`}
                    occurrence={o}
                    week={week}
                    myId={myId}
                    coordinates={coordinates}
                    act={act}
                  />
                ))}
              </ul>
            )}
          </section>
          {coordinates && (
            <ShiftForm
              firstDay={week.week}
              onCreate={async (body) => act(() => createShift(helplineId, body), t('rota.created'))}
            />
          )}
          <ShiftReminder onError={setFailure} />
          <CalendarFeed onError={setFailure} />
        </>
      )}
    </TeamPage>
  )
}

// One day of a shift: who is on it, and what the viewer may do there — sign up, confirm, give
// back, offer or answer a swap; a coordinator assigns, takes off and cancels the day.
import type { RotaOccurrence, RotaWeek, ShiftRole } from '@ascolto/protocol'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { dayOf, hourOf } from './gap-names.ts'
import { actOnAssignment, assignShift, cancelShiftDay, deleteShift, offerSwap } from './rota-api.ts'
import { ShiftLanguages } from './shift-languages.tsx'

const ROLES = ['volunteer', 'supervisor', 'mediator'] as const

type Props = {
  occurrence: RotaOccurrence
  week: RotaWeek
  myId: string
  coordinates: boolean
  /** Runs a change, then reads the week again. */
  act: (change: () => Promise<unknown>) => void
}

export function OccurrenceCard({ occurrence: o, week, myId, coordinates, act }: Props) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const zone = week.timeZone
  const [who, setWho] = useState('')
  const [as, setAs] = useState<ShiftRole>('volunteer')
  const [swapWith, setSwapWith] = useState('')
  const mine = o.assignments.find((a) => a.userId === myId)
  const myRole = week.members.find((m) => m.id === myId)?.role
  const title = `${dayOf(o.startsAt, zone, i18n.language)} ${Number(o.date.slice(8))} · ${hourOf(o.startsAt, zone, i18n.language)}–${hourOf(o.endsAt, zone, i18n.language)}`
  const needs = ROLES.filter((r) => (o.needs[r] ?? 0) > 0)
    .map((r) => t(`rota.people.${r}`, { count: o.needs[r] ?? 0 }))
    .join(', ')
  const notOnIt = week.members.filter((m) => !o.assignments.some((a) => a.userId === m.id))
  const open = (role: ShiftRole) => o.assignments.filter((a) => a.role === role).length < (o.needs[role] ?? 0)
  return (
    <li className="rota-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="hint">
        {t('rota.needs', { list: needs })}
        {o.language ? ` · ${t('rota.language', { language: o.language })}` : ''}
      </p>
      <ShiftLanguages occurrence={o} />
      <ul className="rota-people">
        {o.assignments.map((a) => (
          <li key={a.id}>
            {a.displayName} ({t(`rota.role.${a.role}`)}){!a.confirmed && <em> · {t('rota.notConfirmed')}</em>}
            {a.swapTo && <em> · {t('rota.swapTo', { name: a.swapTo.displayName })}</em>}{' '}
            {a.userId === myId && !a.confirmed && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => act(() => actOnAssignment(a.id, 'confirm'))}
              >
                {t('rota.confirm')}
              </button>
            )}
            {a.swapTo?.id === myId && (
              <>
                <button type="button" onClick={() => act(() => actOnAssignment(a.id, 'swap/accept'))}>
                  {t('rota.accept')}
                </button>{' '}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => act(() => actOnAssignment(a.id, 'swap/decline'))}
                >
                  {t('rota.decline')}
                </button>
              </>
            )}
            {(a.userId === myId || coordinates) && (
              <button
                type="button"
                className="button-quiet"
                onClick={() => act(() => actOnAssignment(a.id, 'give-back'))}
              >
                {a.userId === myId ? t('rota.giveBack') : t('rota.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!mine && (
        <p className="rota-inline">
          {ROLES.filter((r) => open(r) && (r !== 'supervisor' || myRole !== 'volunteer')).map((role) => (
            <button
              key={role}
              type="button"
              className="button-secondary"
              onClick={() => act(() => assignShift(o.shiftId, { date: o.date, role }))}
            >
              {t('rota.signUp', { role: t(`rota.role.${role}`) })}
            </button>
          ))}
        </p>
      )}
      {mine && (
        <form
          className="rota-inline"
          onSubmit={(event) => {
            event.preventDefault()
            if (swapWith) act(() => offerSwap(mine.id, swapWith))
          }}
        >
          <label htmlFor={`${id}-swap`}>{t('rota.swapWith')}</label>
          <MemberSelect
            id={`${id}-swap`}
            members={notOnIt.filter((m) => m.id !== myId)}
            value={swapWith}
            onChange={setSwapWith}
          />
          <button type="submit" className="button-secondary">
            {t('rota.swapSend')}
          </button>
        </form>
      )}
      {coordinates && (
        <>
          <form
            className="rota-inline"
            onSubmit={(event) => {
              event.preventDefault()
              if (who) act(() => assignShift(o.shiftId, { date: o.date, role: as, userId: who }))
            }}
          >
            <label htmlFor={`${id}-who`}>{t('rota.assignWho')}</label>
            <MemberSelect id={`${id}-who`} members={notOnIt} value={who} onChange={setWho} />
            <label htmlFor={`${id}-as`}>{t('rota.assignRole')}</label>
            <select id={`${id}-as`} value={as} onChange={(e) => setAs(e.target.value as ShiftRole)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`rota.role.${r}`)}
                </option>
              ))}
            </select>
            <button type="submit">{t('rota.assign')}</button>
          </form>
          <p className="rota-inline">
            <button
              type="button"
              className="button-quiet"
              onClick={() => act(() => cancelShiftDay(o.shiftId, o.date))}
            >
              {t('rota.cancelDay')}
            </button>
            <button type="button" className="button-quiet" onClick={() => act(() => deleteShift(o.shiftId))}>
              {t('rota.deleteShift')}
            </button>
          </p>
        </>
      )}
    </li>
  )
}

type MemberSelectProps = {
  id: string
  members: RotaWeek['members']
  value: string
  onChange: (id: string) => void
}

function MemberSelect({ id, members, value, onChange }: MemberSelectProps) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="" />
      {members.map((m) => (
        <option key={m.id} value={m.id}>
          {m.displayName}
        </option>
      ))}
    </select>
  )
}

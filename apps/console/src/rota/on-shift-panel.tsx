// The supervision room's view of the rota: who is on shift now (until when) and who is due in
// the next hours (from when), with the role each fills and whether they confirmed.
import type { RotaNow } from '@ascolto/protocol'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/http.ts'

type Props = { helplineId: string; version: number; onError: (error: unknown) => void }

export function OnShiftPanel({ helplineId, version, onError }: Props) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [now, setNow] = useState<RotaNow | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the room is
  useEffect(() => {
    request<RotaNow>('GET', `/api/helplines/${helplineId}/rota/now`).then(setNow, onError)
  }, [helplineId, version, onError])
  const time = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  })
  const list = (people: RotaNow['on'], key: 'rota.now.until' | 'rota.now.from', empty: string) =>
    people.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul>
        {people.map((p) => (
          <li key={`${p.userId}-${p.at}`}>
            {p.displayName} ({t(`rota.role.${p.role}`)}) · {t(key, { time: time.format(new Date(p.at)) })}
            {!p.confirmed && <em> · {t('rota.notConfirmed')}</em>}
          </li>
        ))}
      </ul>
    )
  if (!now) return null
  return (
    <section aria-labelledby={`${id}-on`}>
      <h3 id={`${id}-on`}>{t('rota.now.on')}</h3>
      {list(now.on, 'rota.now.until', t('rota.now.nobody'))}
      <h3>{t('rota.now.due')}</h3>
      {list(now.due, 'rota.now.from', t('rota.now.nobodyDue'))}
    </section>
  )
}

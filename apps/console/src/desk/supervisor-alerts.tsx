// For supervisors: the safeguarding flags no one has acknowledged yet, and volunteers asking for
// a supervisor. A flag keeps alerting (announced again, chimed again) until one supervisor takes
// charge of it, from this console or another.
import type { FlagAlert, HelpRequest } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { chime } from './chime.ts'
import { conversationHref } from './use-hash-route.ts'

const REMIND_EVERY_MS = 30_000

type Props = {
  flags: readonly FlagAlert[]
  helpRequests: readonly HelpRequest[]
  sound: boolean
  onAcknowledge: (flagId: string) => void
  onDismissHelp: (conversationId: string) => void
}

export function SupervisorAlerts({ flags, helpRequests, sound, onAcknowledge, onDismissHelp }: Props) {
  const { t } = useTranslation()
  const [reminder, setReminder] = useState(0)
  const waiting = flags.filter((flag) => !flag.acknowledgedAt)

  useEffect(() => {
    if (waiting.length === 0) return
    if (sound) chime(true)
    const timer = setInterval(() => {
      setReminder((n) => n + 1)
      if (sound) chime(true)
    }, REMIND_EVERY_MS)
    return () => clearInterval(timer)
  }, [waiting.length, sound])

  if (waiting.length === 0 && helpRequests.length === 0) return null
  return (
    <section className="supervisor-alerts" aria-label={t('alerts.label')}>
      {waiting.map((flag) => (
        // a new key at each reminder makes the alert new again, so it is announced again
        <div key={`${flag.id}:${reminder}`} className="flag-alert">
          <p role="alert">
            {/* no person raised it: automatic triage did */}
            {t(flag.raisedBy ? 'alerts.flag' : 'triage.flag', {
              kind: t(`flag.kinds.${flag.kind}`),
              name: t('contact.pseudonym', { number: String(flag.contactPseudonym) }),
              by: flag.raisedBy?.displayName ?? '',
            })}
          </p>
          <a href={conversationHref(flag.conversationId)}>{t('alerts.open')}</a>
          <button type="button" className="button-primary" onClick={() => onAcknowledge(flag.id)}>
            {t('flag.acknowledge')}
          </button>
        </div>
      ))}
      {helpRequests.map((help) => (
        <div key={help.conversationId} className="help-alert">
          <p role="status">
            {t('alerts.help', {
              by: help.requestedBy.displayName,
              name: t('contact.pseudonym', { number: String(help.contactPseudonym) }),
            })}
          </p>
          <a href={conversationHref(help.conversationId)} onClick={() => onDismissHelp(help.conversationId)}>
            {t('alerts.join')}
          </a>
          <button type="button" className="button-quiet" onClick={() => onDismissHelp(help.conversationId)}>
            {t('alerts.dismiss')}
          </button>
        </div>
      ))}
    </section>
  )
}

// One service of the directory as everyone reads it, with the actions the place offers.
import type { DirectoryService } from '@ascolto/protocol'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

type Props = {
  service: DirectoryService
  /** Beside a conversation: where, how and when; the rest is on the directory's screen. */
  compact?: boolean
  children?: ReactNode
}

export function ServiceCard({ service, compact = false, children }: Props) {
  const { t } = useTranslation()
  const area = [service.municipality, service.province, service.region].filter(Boolean).join(', ')
  return (
    <article className="directory-service" aria-label={`${service.organisation} – ${service.service}`}>
      <h4>
        {service.service} <span className="muted">· {service.organisation}</span>
      </h4>
      <p className="directory-checked">
        {service.stale ? (
          <span className="directory-stale">
            {service.lastChecked
              ? t('directory.staleSince', { date: service.lastChecked })
              : t('directory.neverChecked')}
          </span>
        ) : (
          t('directory.checkedOn', { date: service.lastChecked })
        )}
      </p>
      {area && <p>{area}</p>}
      <p className="directory-reach">{service.reach}</p>
      {service.openingHours && <p>{service.openingHours}</p>}
      {!compact && (service.topics.length > 0 || service.languages.length > 0) && (
        <p className="muted">
          {[...service.topics, ...service.languages.map((l) => l.toUpperCase())].join(' · ')}
        </p>
      )}
      {!compact && service.peopleServed && <p className="muted">{service.peopleServed}</p>}
      {service.operatorNotes && <p className="directory-notes">{service.operatorNotes}</p>}
      {children && <div className="directory-actions">{children}</div>}
    </article>
  )
}

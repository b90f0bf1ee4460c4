// A helpline's partner installations (Messa in rete between installations): what its coordinators
// give a partner (this installation's public key, the helpline's address) and the partners' own,
// each enabled or not. Referrals go to and come from enabled partners only.
import type { Membership, Partner, PartnersView } from '@ascolto/protocol'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScreenTop } from '../desk/screen-top.tsx'
import { partnersHref } from '../desk/use-hash-route.ts'
import { PartnerForm } from './partner-form.tsx'
import { createPartner, loadPartners, updatePartner } from './partners-api.ts'
import './partners.css'

type Props = {
  helplines: Membership[]
  helplineId: string
  onError: (error: unknown) => void
}

export function PartnersScreen({ helplines, helplineId, onError }: Props) {
  const { t } = useTranslation()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [view, setView] = useState<PartnersView | null>(null)
  const [editing, setEditing] = useState<Partner | 'new' | null>(null)
  const [status, setStatus] = useState('')

  const reload = useCallback(() => {
    loadPartners(helplineId).then(setView, onError)
  }, [helplineId, onError])
  useEffect(reload, [reload])

  return (
    <main id="settings" className="settings-page partners-page" tabIndex={-1} aria-labelledby={headingId}>
      <ScreenTop
        headingId={headingId}
        heading={heading}
        title={t('partners.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: partnersHref }}
      />
      <p className="muted">{t('partners.intro')}</p>
      {view && (
        <section className="partner-own" aria-labelledby={`${headingId}-own`}>
          <h3 id={`${headingId}-own`}>{t('partners.ownTitle')}</h3>
          <p className="hint">{t('partners.ownHint')}</p>
          <dl>
            <dt>{t('partners.fields.publicKey')}</dt>
            <dd>
              <code>{view.own.publicKey}</code>
            </dd>
            <dt>{t('partners.fields.baseUrl')}</dt>
            <dd>
              <code>{view.own.baseUrl}</code>
            </dd>
          </dl>
        </section>
      )}
      <div className="directory-manage">
        <button type="button" className="button-primary" onClick={() => setEditing('new')}>
          {t('partners.add')}
        </button>
      </div>
      <p role="status">{status}</p>
      {editing && (
        <PartnerForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            const saved =
              editing === 'new'
                ? await createPartner(helplineId, body)
                : await updatePartner(editing.id, body)
            setEditing(null)
            setStatus(t('partners.saved', { name: saved.name }))
            reload()
          }}
        />
      )}
      {view && view.partners.length === 0 && <p>{t('partners.none')}</p>}
      <ul className="partner-list">
        {view?.partners.map((partner) => (
          <li key={partner.id} className="partner">
            <h4>
              {partner.name}{' '}
              <span className={partner.enabled ? 'partner-state' : 'partner-state partner-off'}>
                {partner.enabled ? t('partners.enabled') : t('partners.disabled')}
              </span>
            </h4>
            <p>
              <code>{partner.baseUrl}</code>
            </p>
            <p className="muted">
              {t('partners.fields.publicKey')}: <code>{partner.publicKey}</code>
            </p>
            <button
              type="button"
              className="button-small"
              aria-label={t('partners.editLabel', { name: partner.name })}
              onClick={() => setEditing(partner)}
            >
              {t('partners.edit')}
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}

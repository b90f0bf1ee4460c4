// The helpline's directory of services: every member searches it; its coordinators add, edit and
// remove services, or replace them all with a CSV file.
import type { DeskSetup, DirectoryService, Membership } from '@ascolto/protocol'
import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScreenTop } from '../desk/screen-top.tsx'
import { directoryHref, partnersHref } from '../desk/use-hash-route.ts'
import { createDirectoryService, deleteDirectoryService, updateDirectoryService } from './directory-api.ts'
import { DirectoryImport } from './directory-import.tsx'
import { DirectorySearch } from './directory-search.tsx'
import { ServiceCard } from './service-card.tsx'
import { ServiceForm } from './service-form.tsx'
import { useDirectory } from './use-directory.ts'
import './directory.css'

type Props = {
  helplines: Membership[]
  helplineId: string
  setup: DeskSetup | undefined
  onError: (error: unknown) => void
}

const today = () => new Date().toISOString().slice(0, 10)

export function DirectoryScreen({ helplines, helplineId, setup, onError }: Props) {
  const { t } = useTranslation()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const coordinates = helplines.some((m) => m.helplineId === helplineId && m.role === 'coordinator')
  const { search, setSearch, found, reload } = useDirectory(helplineId, onError)
  const [editing, setEditing] = useState<DirectoryService | 'new' | null>(null)
  const [status, setStatus] = useState('')

  const done = useCallback(
    (message: string) => {
      setEditing(null)
      setStatus(message)
      reload()
    },
    [reload],
  )

  async function remove(service: DirectoryService) {
    if (!window.confirm(t('directory.confirmDelete', { name: service.service }))) return
    try {
      await deleteDirectoryService(service.id)
      done(t('directory.deleted', { name: service.service }))
    } catch (error) {
      onError(error)
    }
  }

  return (
    <main id="settings" className="settings-page directory-page" tabIndex={-1} aria-labelledby={headingId}>
      <ScreenTop
        headingId={headingId}
        heading={heading}
        title={t('directory.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: directoryHref }}
      />
      <p className="muted">{t('directory.intro')}</p>
      {coordinates && (
        <div className="directory-manage">
          <button type="button" className="button-primary" onClick={() => setEditing('new')}>
            {t('directory.add')}
          </button>
          <DirectoryImport helplineId={helplineId} onImported={() => done('')} />
          <a href={partnersHref(helplineId)}>{t('partners.link')}</a>
        </div>
      )}
      <p role="status">{status}</p>
      {editing && (
        <ServiceForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          languages={setup?.languages ?? ['it']}
          today={today()}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            const saved =
              editing === 'new'
                ? await createDirectoryService(helplineId, body)
                : await updateDirectoryService(editing.id, body)
            done(t('directory.saved', { name: saved.service }))
          }}
        />
      )}
      <DirectorySearch search={search} topics={found?.topics ?? []} onChange={setSearch} />
      {found && (
        <>
          <p className="muted">{t('directory.found', { count: found.services.length })}</p>
          <div className="directory-list">
            {found.services.map((service) => (
              <ServiceCard key={service.id} service={service}>
                {coordinates && (
                  <>
                    <button
                      type="button"
                      className="button-small"
                      aria-label={t('directory.editLabel', { name: service.service })}
                      onClick={() => setEditing(service)}
                    >
                      {t('directory.edit')}
                    </button>
                    <button
                      type="button"
                      className="button-small"
                      aria-label={t('directory.deleteLabel', { name: service.service })}
                      onClick={() => remove(service)}
                    >
                      {t('directory.delete')}
                    </button>
                  </>
                )}
              </ServiceCard>
            ))}
          </div>
        </>
      )}
    </main>
  )
}

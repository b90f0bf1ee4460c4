// A coordinator adds a partner installation, or edits one: what its coordinators gave them.
import type { Partner, PartnerBody } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../shell/error-alert.tsx'

type Props = {
  editing: Partner | null
  onSave: (body: PartnerBody) => Promise<void>
  onCancel: () => void
}

export function PartnerForm({ editing, onSave, onCancel }: Props) {
  const { t } = useTranslation()
  const id = useId()
  // the body alone: the schema refuses the partner's id and times
  const [form, setForm] = useState<PartnerBody>(() => ({
    name: editing?.name ?? '',
    baseUrl: editing?.baseUrl ?? '',
    publicKey: editing?.publicKey ?? '',
    enabled: editing?.enabled ?? true,
  }))
  const [failure, setFailure] = useState<unknown>(null)
  const [pending, setPending] = useState(false)
  const set = (field: 'name' | 'baseUrl' | 'publicKey') => (event: { target: { value: string } }) =>
    setForm((all) => ({ ...all, [field]: event.target.value }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    setFailure(null)
    try {
      await onSave({
        ...form,
        name: form.name.trim(),
        baseUrl: form.baseUrl.trim(),
        publicKey: form.publicKey.trim(),
      })
    } catch (error) {
      setFailure(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <form
      className="partner-form"
      onSubmit={submit}
      aria-label={editing ? t('partners.editTitle', { name: editing.name }) : t('partners.add')}
    >
      <h3>{editing ? t('partners.editTitle', { name: editing.name }) : t('partners.add')}</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('partners.fields.name')}</label>
        <input id={`${id}-name`} required maxLength={200} value={form.name} onChange={set('name')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('partners.fields.baseUrl')}</label>
        <input
          id={`${id}-url`}
          type="url"
          required
          maxLength={500}
          aria-describedby={`${id}-url-hint`}
          value={form.baseUrl}
          onChange={set('baseUrl')}
        />
        <p id={`${id}-url-hint`} className="hint">
          {t('partners.baseUrlHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('partners.fields.publicKey')}</label>
        <input
          id={`${id}-key`}
          required
          pattern="[A-Za-z0-9_\-]{43}"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-key-hint`}
          value={form.publicKey}
          onChange={set('publicKey')}
        />
        <p id={`${id}-key-hint`} className="hint">
          {t('partners.publicKeyHint')}
        </p>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => setForm((all) => ({ ...all, enabled: event.target.checked }))}
        />
        {t('partners.fields.enabled')}
      </label>
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {t('partners.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('partners.cancel')}
        </button>
      </div>
    </form>
  )
}

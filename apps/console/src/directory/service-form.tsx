// A coordinator adds or edits one service of the directory.
import type { DirectoryService, DirectoryServiceBody } from '@ascolto/protocol'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../shell/error-alert.tsx'

type Props = {
  editing: DirectoryService | null
  /** The helpline's languages: a reply text for each. */
  languages: readonly string[]
  today: string
  onSave: (body: DirectoryServiceBody) => Promise<void>
  onCancel: () => void
}

type Text = Exclude<keyof DirectoryServiceBody, 'topics' | 'languages' | 'replyTexts'>
const TEXTS: Array<{ field: Text; long?: boolean; required?: boolean; max: number }> = [
  { field: 'organisation', required: true, max: 200 },
  { field: 'service', required: true, max: 200 },
  { field: 'region', max: 100 },
  { field: 'province', max: 100 },
  { field: 'municipality', max: 100 },
  { field: 'reach', required: true, long: true, max: 1000 },
  { field: 'openingHours', max: 500 },
  { field: 'peopleServed', max: 500 },
  { field: 'operatorNotes', long: true, max: 2000 },
]

const list = (text: string) =>
  text
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter(Boolean)

export function ServiceForm({ editing, languages, today, onSave, onCancel }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const [form, setForm] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(TEXTS.map(({ field }) => [field, editing?.[field] ?? ''])),
    topics: editing?.topics.join('; ') ?? '',
    languages: editing?.languages.join(', ') ?? '',
    lastChecked: editing?.lastChecked ?? today,
    ...Object.fromEntries(languages.map((l) => [`reply:${l}`, editing?.replyTexts[l] ?? ''])),
  }))
  const [failure, setFailure] = useState<unknown>(null)
  const [pending, setPending] = useState(false)
  const set = (field: string) => (event: { target: { value: string } }) =>
    setForm((all) => ({ ...all, [field]: event.target.value }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    setFailure(null)
    const texts = Object.fromEntries(TEXTS.map(({ field }) => [field, form[field]?.trim() || undefined]))
    const replyTexts = Object.fromEntries(
      Object.entries(form)
        .filter(([key, value]) => key.startsWith('reply:') && value.trim())
        .map(([key, value]) => [key.slice('reply:'.length), value.trim()]),
    )
    try {
      await onSave({
        ...(texts as Pick<DirectoryServiceBody, Text>),
        topics: list(form.topics ?? ''),
        languages: list((form.languages ?? '').toLowerCase()),
        // other languages' texts (from an import) are kept
        replyTexts: { ...editing?.replyTexts, ...replyTexts },
        lastChecked: form.lastChecked || undefined,
      })
    } catch (error) {
      setFailure(error)
    } finally {
      setPending(false)
    }
  }

  const field = (name: string, label: string, input: (fieldId: string) => React.ReactNode, hint?: string) => (
    <div className="field" key={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input(`${id}-${name}`)}
      {hint && (
        <p id={`${id}-${name}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  )

  return (
    <form
      className="directory-form"
      onSubmit={submit}
      aria-label={editing ? t('directory.edit') : t('directory.add')}
    >
      <h3>{editing ? t('directory.editTitle', { name: editing.service }) : t('directory.add')}</h3>
      {TEXTS.map(({ field: name, long, required, max }) =>
        field(name, t(`directory.fields.${name}`), (fieldId) =>
          long ? (
            <textarea
              id={fieldId}
              rows={3}
              required={required}
              maxLength={max}
              value={form[name]}
              onChange={set(name)}
            />
          ) : (
            <input id={fieldId} required={required} maxLength={max} value={form[name]} onChange={set(name)} />
          ),
        ),
      )}
      {field(
        'topics',
        t('directory.fields.topics'),
        (fieldId) => (
          <input
            id={fieldId}
            aria-describedby={`${fieldId}-hint`}
            value={form.topics}
            onChange={set('topics')}
          />
        ),
        t('directory.listHint'),
      )}
      {field(
        'languages',
        t('directory.fields.languages'),
        (fieldId) => (
          <input
            id={fieldId}
            aria-describedby={`${fieldId}-hint`}
            pattern="\s*([a-zA-Z]{2,3}\s*[,;]?\s*)*"
            value={form.languages}
            onChange={set('languages')}
          />
        ),
        t('directory.languagesHint'),
      )}
      {languages.map((language) =>
        field(
          `reply:${language}`,
          t('directory.fields.replyText', { language: language.toUpperCase() }),
          (fieldId) => (
            <textarea
              id={fieldId}
              rows={3}
              maxLength={2000}
              value={form[`reply:${language}`]}
              onChange={set(`reply:${language}`)}
            />
          ),
        ),
      )}
      {field('lastChecked', t('directory.fields.lastChecked'), (fieldId) => (
        <input id={fieldId} type="date" max={today} value={form.lastChecked} onChange={set('lastChecked')} />
      ))}
      {failure !== null && <ErrorAlert error={failure} onDismiss={() => setFailure(null)} />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {t('directory.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('directory.cancel')}
        </button>
      </div>
    </form>
  )
}

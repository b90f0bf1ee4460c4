// The coordinator's canned replies: the helpline's own words, which volunteers put in the reply
// box by typing a slash and the shortcut (/benvenuto).
import type { CannedReply, CannedReplyBody, DeskSetup, Membership } from '@ascolto/protocol'
import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createCannedReply, deleteCannedReply, updateCannedReply } from '../api/desk.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { cannedRepliesHref } from '../desk/use-hash-route.ts'
import { ErrorAlert } from '../shell/error-alert.tsx'

type Props = {
  helplines: Membership[]
  helplineId: string
  setup: DeskSetup | undefined
  onChanged: () => void
}

const EMPTY: CannedReplyBody = { shortcut: '', title: '', text: '' }

export function CannedRepliesScreen({ helplines, helplineId, setup, onChanged }: Props) {
  const { t } = useTranslation()
  const ids = {
    heading: useId(),
    shortcut: useId(),
    hint: useId(),
    title: useId(),
    text: useId(),
  }
  const heading = useRef<HTMLHeadingElement>(null)
  const [editing, setEditing] = useState<CannedReply | null>(null)
  const [form, setForm] = useState<CannedReplyBody>(EMPTY)
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)
  const [status, setStatus] = useState('')
  const [pending, setPending] = useState(false)
  const replies = setup?.cannedReplies ?? []

  async function save(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    setFailure(null)
    setStatus('')
    try {
      const body = { ...form, shortcut: form.shortcut.replace(/^\//, '').trim().toLowerCase() }
      const saved = editing
        ? await updateCannedReply(editing.id, body)
        : await createCannedReply(helplineId, body)
      setStatus(t('canned.saved', { shortcut: saved.shortcut }))
      setEditing(null)
      setForm(EMPTY)
      onChanged()
    } catch (error) {
      setFailure({ error })
    } finally {
      setPending(false)
    }
  }

  async function remove(reply: CannedReply) {
    setFailure(null)
    try {
      await deleteCannedReply(reply.id)
      setStatus(t('canned.deleted', { shortcut: reply.shortcut }))
      onChanged()
    } catch (error) {
      setFailure({ error })
    }
  }

  return (
    <main id="settings" className="settings-page" tabIndex={-1} aria-labelledby={ids.heading}>
      <ScreenTop
        headingId={ids.heading}
        heading={heading}
        title={t('canned.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: cannedRepliesHref }}
      />
      <p className="muted">{t('canned.intro')}</p>
      {replies.length === 0 ? (
        <p className="muted">{t('canned.none')}</p>
      ) : (
        <ul className="canned-manage">
          {replies.map((reply) => (
            <li key={reply.id}>
              <p>
                <strong>/{reply.shortcut}</strong> · {reply.title}
              </p>
              <p className="canned-text">{reply.text}</p>
              <button
                type="button"
                className="button-small"
                aria-label={t('canned.editLabel', { shortcut: reply.shortcut })}
                onClick={() => {
                  setEditing(reply)
                  setForm({ shortcut: reply.shortcut, title: reply.title, text: reply.text })
                  document.getElementById(ids.shortcut)?.focus()
                }}
              >
                {t('canned.edit')}
              </button>{' '}
              <button
                type="button"
                className="button-small"
                aria-label={t('canned.deleteLabel', { shortcut: reply.shortcut })}
                onClick={() => remove(reply)}
              >
                {t('canned.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="canned-form"
        onSubmit={save}
        aria-label={editing ? t('canned.editTitle') : t('canned.add')}
      >
        <h3>{editing ? t('canned.editTitle') : t('canned.add')}</h3>
        <div className="field">
          <label htmlFor={ids.shortcut}>{t('canned.shortcut')}</label>
          <input
            id={ids.shortcut}
            required
            pattern="/?[a-z0-9][a-z0-9_\-]{0,39}"
            aria-describedby={ids.hint}
            value={form.shortcut}
            onChange={(event) => setForm({ ...form, shortcut: event.target.value })}
          />
          <p id={ids.hint} className="hint">
            {t('canned.shortcutHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.title}>{t('canned.titleField')}</label>
          <input
            id={ids.title}
            required
            maxLength={100}
            value={form.title}
            onChange={(event) => setForm({ ...form, title: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.text}>{t('canned.text')}</label>
          <textarea
            id={ids.text}
            required
            rows={4}
            maxLength={4096}
            value={form.text}
            onChange={(event) => setForm({ ...form, text: event.target.value })}
          />
        </div>
        {failure && <ErrorAlert error={failure.error} onDismiss={() => setFailure(null)} />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {t('canned.save')}
          </button>
          {editing && (
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                setEditing(null)
                setForm(EMPTY)
              }}
            >
              {t('canned.cancel')}
            </button>
          )}
        </div>
        <p role="status">{status}</p>
      </form>
    </main>
  )
}

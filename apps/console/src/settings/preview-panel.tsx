// "What would a person meet?": the saved rules at a chosen moment (the helpline's local time),
// open or closed and why, when it opens next, the automatic replies, the due time. It reads the
// saved settings, not the form: it says so, and says when the form has changes not yet saved.
import type { RulesPreview } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type PreviewRequest, previewRules } from '../api/settings.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { formatLocal, localNow } from './preview-time.ts'

type Props = {
  helplineId: string
  /** The saved zone: the one the server reads the chosen time in. */
  timeZone: string
  /** The form differs from what is saved. */
  unsaved: boolean
  /** Changes at each save, so the preview follows the settings just saved. */
  savedVersion: number
}

export function PreviewPanel({ helplineId, timeZone, unsaved, savedVersion }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const ids = { heading: useId(), at: useId(), hint: useId() }
  const [at, setAt] = useState(() => localNow(timeZone))
  const [firstMessageEver, setFirstMessageEver] = useState(true)
  const [shown, setShown] = useState<{ preview: RulesPreview } | { error: unknown } | null>(null)
  const [pending, setPending] = useState(false)

  async function show(query: PreviewRequest) {
    setPending(true)
    try {
      setShown({ preview: await previewRules(helplineId, query) })
    } catch (error) {
      setShown({ error })
    } finally {
      setPending(false)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: shown at once, and again after each save
  useEffect(() => {
    show({ at, firstMessageEver })
  }, [helplineId, savedVersion])

  function submit(event: FormEvent) {
    event.preventDefault()
    show({ at, firstMessageEver })
  }

  return (
    <section className="preview-panel" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{t('preview.title')}</h3>
      <p className="hint">
        {t('preview.savedOnly')}
        {unsaved && <strong className="unsaved"> {t('preview.unsaved')}</strong>}
      </p>
      <form className="preview-form" onSubmit={submit}>
        <label htmlFor={ids.at}>{t('preview.at')}</label>
        <input
          id={ids.at}
          type="datetime-local"
          required
          aria-describedby={ids.hint}
          value={at}
          onChange={(event) => setAt(event.target.value)}
        />
        <p id={ids.hint} className="hint">
          {t('preview.atHint', { timeZone })}
        </p>
        <label className="choice">
          <input
            type="checkbox"
            checked={firstMessageEver}
            onChange={(event) => setFirstMessageEver(event.target.checked)}
          />
          {t('preview.firstMessageEver')}
        </label>
        <button type="submit" className="button-secondary" disabled={pending || !at}>
          {t('preview.show')}
        </button>
      </form>
      {shown && 'error' in shown && <p role="alert">{errorText(shown.error)}</p>}
      {/* always there, so each new answer is announced (its first line; the rest can be read after) */}
      <p className="preview-state" role="status">
        {shown && 'preview' in shown ? <PreviewState preview={shown.preview} /> : ''}
      </p>
      {shown && 'preview' in shown && <PreviewDetails preview={shown.preview} />}
    </section>
  )
}

function useReason() {
  const { t } = useTranslation()
  return ({ closedBy, closedReason }: RulesPreview): string => {
    switch (closedBy) {
      case 'hours':
        return t('preview.closedBy.hours')
      case 'holiday':
        return closedReason
          ? t('preview.closedBy.holidayNamed', { name: closedReason })
          : t('preview.closedBy.holiday')
      case 'closure':
        return closedReason
          ? t('preview.closedBy.closureNamed', { reason: closedReason })
          : t('preview.closedBy.closure')
      case 'exception':
        return closedReason
          ? t('preview.closedBy.exceptionNamed', { reason: closedReason })
          : t('preview.closedBy.exception')
      default:
        return ''
    }
  }
}

function PreviewState({ preview }: { preview: RulesPreview }) {
  const { t, i18n } = useTranslation()
  const reason = useReason()
  const time = (iso: string) => formatLocal(iso, preview.timeZone, i18n.resolvedLanguage ?? 'it')
  return (
    <>
      <span className={preview.open ? 'state-open' : 'state-closed'}>
        {preview.open ? t('preview.open') : t('preview.closed')}
      </span>
      <span className="preview-when"> · {time(preview.at)}</span>
      {!preview.open && <span className="preview-why"> · {reason(preview)}</span>}
      {preview.open && preview.openUntil && (
        <span className="preview-why"> · {t('preview.openUntil', { time: time(preview.openUntil) })}</span>
      )}
    </>
  )
}

function PreviewDetails({ preview }: { preview: RulesPreview }) {
  const { t, i18n } = useTranslation()
  const time = (iso: string) => formatLocal(iso, preview.timeZone, i18n.resolvedLanguage ?? 'it')
  return (
    <dl className="preview-details">
      {!preview.open && (
        <>
          <dt>{t('preview.nextOpening')}</dt>
          <dd>
            {preview.nextOpening
              ? `${preview.nextOpening.phrase} (${time(preview.nextOpening.at)})`
              : t('preview.noNextOpening')}
          </dd>
        </>
      )}
      <dt>{t('preview.dueAt')}</dt>
      <dd>{time(preview.dueAt)}</dd>
      <dt>{t('preview.replies')}</dt>
      <dd>
        {preview.replies.length === 0 ? (
          t('preview.noReplies')
        ) : (
          <ul className="preview-replies">
            {preview.replies.map((reply) => (
              <li key={reply.kind}>
                <span className="reply-kind">{t(`preview.kind.${reply.kind}`)}</span>
                <blockquote lang={reply.language}>{reply.text}</blockquote>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  )
}

// "What would a person meet?": the rules at a chosen moment (the helpline's local time), open or
// closed and why, when it opens next, the automatic replies, the due time. While the form has
// changes not yet saved, it shows what they would do (what-if: the server checks the form as a
// settings file and stores nothing); otherwise the saved settings. It says which, each time.
import type { RulesPreview } from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type PreviewRequest, previewDraftRules, previewRules } from '../api/settings.ts'
import { useErrorText } from '../shell/error-alert.tsx'
import { formatLocal, localNow } from './preview-time.ts'

type Props = {
  helplineId: string
  /** The saved zone: the one the server reads the chosen time in. */
  timeZone: string
  /** The form as a settings file, where it differs from what is saved; null when it does not. */
  draft: object | null
  /** Changes at each save, so the preview follows the settings just saved. */
  savedVersion: number
}

export function PreviewPanel({ helplineId, timeZone, draft, savedVersion }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const ids = { heading: useId(), at: useId(), hint: useId() }
  const [at, setAt] = useState(() => localNow(timeZone))
  const [firstMessageEver, setFirstMessageEver] = useState(true)
  const [shown, setShown] = useState<{ preview: RulesPreview; whatIf: boolean } | { error: unknown } | null>(
    null,
  )
  const [pending, setPending] = useState(false)

  async function show(query: PreviewRequest) {
    setPending(true)
    try {
      setShown(
        draft
          ? { preview: await previewDraftRules(helplineId, draft, query), whatIf: true }
          : { preview: await previewRules(helplineId, query), whatIf: false },
      )
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
        {draft ? <strong className="unsaved">{t('whatIf.usesDraft')}</strong> : t('whatIf.usesSaved')}
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
      {shown && 'preview' in shown && (
        <>
          <p className={shown.whatIf ? 'preview-source unsaved' : 'preview-source hint'}>
            {shown.whatIf ? t('whatIf.shownDraft') : t('whatIf.shownSaved')}
          </p>
          <PreviewDetails preview={shown.preview} />
        </>
      )}
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

// Blocking (what happens to a blocked person's messages, the notice they may get), the word list
// that flags messages, and how long a person's conversations are kept.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import { LocalizedText } from './localized-text.tsx'
import type { SectionProps } from './sections.ts'

export function BlockingFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  const keep = useField('blocking.keepMessagesOfBlocked')
  const hint = useId()
  return (
    <fieldset className="settings-section" id="settings-section-blocking">
      <legend>{t('settings.sections.blocking')}</legend>
      <label className="choice" htmlFor={keep.id}>
        <input
          type="checkbox"
          {...keep}
          aria-describedby={hint}
          checked={form.keepMessagesOfBlocked}
          onChange={(event) => edit('keepMessagesOfBlocked', event.target.checked)}
        />
        {t('settings.blocking.keep')}
      </label>
      <p id={hint} className="hint">
        {t('settings.blocking.keepHint')}
      </p>
      <LocalizedText
        path="blocking.notice"
        legend={t('settings.blocking.notice')}
        hint={t('settings.blocking.noticeHint')}
        languages={languages}
        texts={form.notice}
        onChange={(notice) => edit('notice', notice)}
      />
    </fieldset>
  )
}

export function ModerationFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  const autoFlag = useField('moderation.autoFlag')
  const words = useField('moderation.words')
  const hint = useId()
  return (
    <fieldset className="settings-section" id="settings-section-moderation">
      <legend>{t('settings.sections.moderation')}</legend>
      <label className="choice" htmlFor={autoFlag.id}>
        <input
          type="checkbox"
          {...autoFlag}
          checked={form.autoFlag}
          onChange={(event) => edit('autoFlag', event.target.checked)}
        />
        {t('settings.moderation.autoFlag')}
      </label>
      <div className="field">
        <label htmlFor={words.id}>{t('settings.moderation.words')}</label>
        <textarea
          {...words}
          rows={6}
          spellCheck={false}
          aria-describedby={hint}
          value={form.words}
          onChange={(event) => edit('words', event.target.value)}
        />
        <p id={hint} className="hint">
          {t('settings.moderation.wordsHint')}
        </p>
      </div>
    </fieldset>
  )
}

export function RetentionFieldset({ form, edit }: Omit<SectionProps, 'languages'>) {
  const { t } = useTranslation()
  const months = useField('retention.months')
  const hint = useId()
  return (
    <fieldset className="settings-section" id="settings-section-retention">
      <legend>{t('settings.sections.retention')}</legend>
      <div className="field">
        <label htmlFor={months.id}>{t('settings.retention.months')}</label>
        <input
          type="number"
          min={1}
          max={120}
          {...months}
          className="number-input"
          aria-describedby={hint}
          value={form.retentionMonths}
          onChange={(event) => edit('retentionMonths', event.target.value)}
        />
        <p id={hint} className="hint">
          {t('settings.retention.hint')}
        </p>
      </div>
    </fieldset>
  )
}

// The automatic replies (welcome, out of hours, holiday, closure, and where to find help now for an
// imminent risk written while closed) and the privacy policy the welcome links to.
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import { REPLY_KINDS } from './form-model.ts'
import { LocalizedText } from './localized-text.tsx'
import type { SectionProps } from './sections.ts'

const HINTS = {
  welcome: 'welcomeHint',
  outOfHours: 'nextOpeningHint',
  holiday: 'nextOpeningHint',
  closure: 'nextOpeningHint',
  urgent: 'urgentHint',
} as const satisfies Record<(typeof REPLY_KINDS)[number], string>

export function RepliesFieldset({ form, edit, languages }: SectionProps) {
  const { t } = useTranslation()
  const url = useField('policy.url')
  const version = useField('policy.version')
  return (
    <fieldset className="settings-section" id="settings-section-replies">
      <legend>{t('settings.sections.replies')}</legend>
      <p className="hint">{t('settings.replies.intro')}</p>
      {REPLY_KINDS.map((kind) => (
        <LocalizedText
          key={kind}
          path={`autoReplies.${kind}`}
          legend={t(`settings.replies.${kind}`)}
          hint={t(`settings.replies.${HINTS[kind]}`)}
          languages={languages}
          texts={form.replies[kind]}
          onChange={(texts) => edit('replies', { ...form.replies, [kind]: texts })}
        />
      ))}
      <fieldset className="subsection">
        <legend>{t('settings.replies.policy')}</legend>
        <div className="row">
          <div className="field grow">
            <label htmlFor={url.id}>{t('settings.replies.policyUrl')}</label>
            <input
              type="url"
              {...url}
              placeholder="https://"
              value={form.policy.url}
              onChange={(event) => edit('policy', { ...form.policy, url: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={version.id}>{t('settings.replies.policyVersion')}</label>
            <input
              type="text"
              {...version}
              className="short-input"
              value={form.policy.version}
              onChange={(event) => edit('policy', { ...form.policy, version: event.target.value })}
            />
          </div>
        </div>
      </fieldset>
    </fieldset>
  )
}

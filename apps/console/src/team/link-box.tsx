// A single-use link shown once to a coordinator, to pass on: selected on focus, with a copy button.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyButton } from '../shell/copy-button.tsx'

export function LinkBox({ label, link, hint }: { label: string; link: string; hint: string }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="team-link">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={link} onFocus={(event) => event.target.select()} />
      <CopyButton text={link} label={t('team.copyLink')} />
      <p className="muted">{hint}</p>
    </div>
  )
}

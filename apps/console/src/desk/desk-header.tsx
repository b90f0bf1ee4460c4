import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../shell/language-switch.tsx'

type Props = {
  displayName: string
  online: boolean
  onSignOut: () => void
  /** Where the helpline's settings are, for a coordinator; none for everyone else. */
  settingsHref: string | null
  onSettings: boolean
  cannedHref: string | null
  onCanned: boolean
  /** The chime (and desktop notifications) for new conversations and alerts. */
  sound: boolean
  onSoundChange: (on: boolean) => void
}

export function DeskHeader(props: Props) {
  const { displayName, online, onSignOut, settingsHref, onSettings } = props
  const { t } = useTranslation()
  return (
    <header className="app-header">
      <h1 className="app-name">{t('app.name')}</h1>
      <p className="connection" role="status">
        {online ? '' : t('header.offline')}
      </p>
      {settingsHref && (
        <nav className="header-nav" aria-label={t('header.nav')}>
          <a href={settingsHref} aria-current={onSettings ? 'page' : undefined}>
            {t('header.settings')}
          </a>
          <a href="#/team">{t('team.link')}</a>
          {props.cannedHref && (
            <a href={props.cannedHref} aria-current={props.onCanned ? 'page' : undefined}>
              {t('headerDesk.canned')}
            </a>
          )}
        </nav>
      )}
      <div className="account">
        <p className="user-name">
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          <a href="#/account">{displayName}</a>
        </p>
        <label className="sound-switch">
          <input
            type="checkbox"
            checked={props.sound}
            onChange={(event) => props.onSoundChange(event.target.checked)}
          />
          {t('headerDesk.sound')}
        </label>
        <LanguageSwitch />
        <button type="button" className="button-quiet" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  )
}

import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../shell/language-switch.tsx'

type Props = { displayName: string; online: boolean; onSignOut: () => void }

export function DeskHeader({ displayName, online, onSignOut }: Props) {
  const { t } = useTranslation()
  return (
    <header className="app-header">
      <h1 className="app-name">{t('app.name')}</h1>
      <p className="connection" role="status">
        {online ? '' : t('header.offline')}
      </p>
      <div className="account">
        <p className="user-name">
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          {displayName}
        </p>
        <LanguageSwitch />
        <button type="button" className="button-quiet" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  )
}

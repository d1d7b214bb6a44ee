import { useTranslation } from 'react-i18next'
import { useApp } from '../stores/app'
import { ConnectionForm } from './ConnectionForm'
import { AppIcon } from './AppIcon'

export function SetupScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <main className="setup">
      <div className="setup-card">
        <header className="setup-header">
          <AppIcon size={40} className="setup-logo" />
          <div>
            <h1 className="setup-title">{t('common.appName')}</h1>
            <p className="muted">{t('setup.intro')}</p>
          </div>
        </header>
        <ConnectionForm mode="setup" onConnected={() => useApp.getState().finishSetup()} />
        <p className="setup-foot muted">{t('setup.foot')}</p>
      </div>
    </main>
  )
}

import { useTranslation } from 'react-i18next'
import { useApp } from '../stores/app'
import { ConnectionForm } from './ConnectionForm'

export function SetupScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <main className="setup">
      <div className="setup-card">
        <header className="setup-header">
          <img className="setup-logo" src="./icon.svg" alt="" width="40" height="40" />
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

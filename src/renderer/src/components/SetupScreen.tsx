import { useApp } from '../stores/app'
import { ConnectionForm } from './ConnectionForm'

export function SetupScreen(): React.JSX.Element {
  return (
    <main className="setup">
      <div className="setup-card">
        <header className="setup-header">
          <img className="setup-logo" src="./icon.svg" alt="" width="40" height="40" />
          <div>
            <h1 className="setup-title">Aidge Task Desk</h1>
            <p className="muted">Connect your Aidge account to start tracking tasks.</p>
          </div>
        </header>
        <ConnectionForm mode="setup" onConnected={() => useApp.getState().finishSetup()} />
        <p className="setup-foot muted">Find the access key on the Aidge console under “API keys”. Nothing is sent anywhere but the Aidge gateway.</p>
      </div>
    </main>
  )
}

// Region, access key, trial and endpoint, with "Test connection". Used by the first-run setup and by Settings.
// The secret is write-only: it goes to the keychain and is never read back; only the key name is shown.
import { useId, useState } from 'react'
import type { Region } from '../../../shared/aidge'
import type { ConnectionTestResult } from '../../../shared/ipc'
import { call, errorMessage } from '../api'
import { connectionHeadline } from '../explain'
import { useApp } from '../stores/app'
import { Icon } from './Icon'

interface Props {
  mode: 'setup' | 'settings'
  onConnected?: () => void
}

type Outcome = { kind: 'test'; result: ConnectionTestResult } | { kind: 'saved' } | { kind: 'error'; message: string } | null

export function ConnectionForm({ mode, onConnected }: Props): React.JSX.Element {
  const settings = useApp((s) => s.settings)
  const credentials = useApp((s) => s.credentials)
  const [region, setRegion] = useState<Region>(settings?.region ?? 'global')
  const [trial, setTrial] = useState(settings?.trial ?? false)
  const [endpoint, setEndpoint] = useState(settings?.endpoint ?? '')
  const [keyName, setKeyName] = useState(mode === 'setup' ? '' : (credentials?.accessKeyName ?? ''))
  const [secret, setSecret] = useState('')
  const [changingKey, setChangingKey] = useState(mode === 'setup' || !credentials?.configured)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [connected, setConnected] = useState(false)
  const id = useId()

  const keyMissing = changingKey && (keyName.trim() === '' || secret === '')

  async function save(): Promise<boolean> {
    const app = useApp.getState()
    if (changingKey) {
      const status = await call('credentials:set', { accessKeyName: keyName.trim(), secret })
      app.setCredentials(status)
    }
    await app.updateSettings({ region, trial, endpoint: endpoint.trim() === '' ? null : endpoint.trim() })
    return true
  }

  async function testConnection(): Promise<void> {
    setBusy(true)
    setOutcome(null)
    setConnected(false)
    try {
      await save()
      const result = await call('credentials:test')
      setOutcome({ kind: 'test', result })
      setConnected(result.ok)
      if (result.ok && mode === 'settings') {
        setChangingKey(false)
        setSecret('')
      }
    } catch (e) {
      setOutcome({ kind: 'error', message: errorMessage(e) })
    } finally {
      setBusy(false)
    }
  }

  async function saveOnly(): Promise<void> {
    setBusy(true)
    setOutcome(null)
    try {
      await save()
      if (mode === 'settings') {
        setChangingKey(false)
        setSecret('')
        setOutcome({ kind: 'saved' })
      } else onConnected?.()
    } catch (e) {
      setOutcome({ kind: 'error', message: errorMessage(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="form connection-form"
      aria-label="Connection"
      onSubmit={(e) => {
        e.preventDefault()
        if (!busy && !keyMissing) void testConnection()
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-region`}>Region</label>
        <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value as Region)}>
          <option value="global">Global (api.aidc-ai.com)</option>
          <option value="cn">China (cn-api.aidc-ai.com)</option>
        </select>
        <p className="hint">The site where the access key was issued.</p>
      </div>

      {changingKey ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-key`}>Access key name</label>
            <input id={`${id}-key`} type="text" autoComplete="off" spellCheck={false} value={keyName} onChange={(e) => setKeyName(e.target.value)} placeholder="e.g. 512345" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-secret`}>Access key secret</label>
            <input id={`${id}-secret`} type="password" autoComplete="new-password" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} />
            <p className="hint">Stored in the system keychain. It is never shown again.</p>
          </div>
        </>
      ) : (
        <div className="field">
          <span className="field-label">Access key</span>
          <div className="key-status">
            <Icon name="check" className="ok" />
            <span>
              <strong>{credentials?.accessKeyName}</strong> · configured{credentials?.backend === 'env' ? ' (from the environment)' : ''}
            </span>
            {credentials?.backend !== 'env' && (
              <button type="button" className="btn btn-small" onClick={() => setChangingKey(true)}>
                Change key…
              </button>
            )}
          </div>
        </div>
      )}
      {credentials && !credentials.persistent && credentials.configured && (
        <p className="notice notice-warn">The system keychain is not available: the key is kept only until the app closes.{credentials.problem ? ` (${credentials.problem})` : ''}</p>
      )}

      <label className="check">
        <input type="checkbox" checked={trial} onChange={(e) => setTrial(e.target.checked)} />
        <span>
          Use the free trial quota
          <span className="hint">Sends the trial header with every call. Needed while the account has trial calls only.</span>
        </span>
      </label>

      <details className="advanced">
        <summary>Advanced</summary>
        <div className="field">
          <label htmlFor={`${id}-endpoint`}>Endpoint</label>
          <input id={`${id}-endpoint`} type="url" spellCheck={false} value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="Default for the region" />
          <p className="hint">A proxy or a test server. Leave empty to use the region’s gateway.</p>
        </div>
      </details>

      {outcome && <OutcomeView outcome={outcome} trial={trial} />}

      <div className="form-actions">
        {mode === 'setup' && connected ? (
          <button type="button" className="btn btn-primary" onClick={() => onConnected?.()} autoFocus>
            Continue
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={busy || keyMissing}>
            {busy ? 'Testing…' : 'Test connection'}
          </button>
        )}
        {mode === 'setup' && !connected && outcome?.kind === 'test' && (
          <button type="button" className="btn" disabled={busy || keyMissing} onClick={() => void saveOnly()}>
            Continue anyway
          </button>
        )}
        {mode === 'settings' && (
          <button type="button" className="btn" disabled={busy || keyMissing} onClick={() => void saveOnly()}>
            Save
          </button>
        )}
        {mode === 'settings' && changingKey && credentials?.configured && (
          <button type="button" className="btn btn-ghost" onClick={() => (setChangingKey(false), setSecret(''))}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}

function OutcomeView({ outcome, trial }: { outcome: NonNullable<Outcome>; trial: boolean }): React.JSX.Element {
  if (outcome.kind === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <Icon name="alert" />
        <div>{outcome.message}</div>
      </div>
    )
  }
  if (outcome.kind === 'saved') {
    return (
      <div className="notice notice-ok" role="status">
        <Icon name="check" />
        <div>
          <p className="notice-title">Saved.</p>
        </div>
      </div>
    )
  }
  const r = outcome.result
  const headline = connectionHeadline(r, trial)
  const otherSite = r.otherRegion === 'cn' ? 'China' : 'global'
  return (
    <div className={`notice ${r.ok ? 'notice-ok' : 'notice-error'}`} role={r.ok ? 'status' : 'alert'}>
      <Icon name={r.ok ? 'check' : 'alert'} />
      <div>
        <p className="notice-title">{headline}</p>
        {!r.ok && (r.message || r.otherRegion) && (
          <p className="notice-detail">
            {r.message}
            {r.otherRegion && ` If the key was issued on the ${otherSite} site, switch the region.`}
          </p>
        )}
        {r.requestId && <p className="notice-detail mono">Request id {r.requestId}</p>}
      </div>
    </div>
  )
}

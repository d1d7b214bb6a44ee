// Region, access key, trial and endpoint, with "Test connection". Used by the first-run setup and by Settings.
// The secret is write-only: it goes to the keychain and is never read back; only the key name is shown.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()

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
      aria-label={t('connection.form')}
      onSubmit={(e) => {
        e.preventDefault()
        if (!busy && !keyMissing) void testConnection()
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-region`}>{t('connection.region')}</label>
        <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value as Region)}>
          <option value="global">{t('connection.global')}</option>
          <option value="cn">{t('connection.china')}</option>
        </select>
        <p className="hint">{t('connection.regionHint')}</p>
      </div>

      {changingKey ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-key`}>{t('connection.keyName')}</label>
            <input id={`${id}-key`} type="text" autoComplete="off" spellCheck={false} value={keyName} onChange={(e) => setKeyName(e.target.value)} placeholder={t('connection.keyNamePlaceholder')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-secret`}>{t('connection.secret')}</label>
            <input id={`${id}-secret`} type="password" autoComplete="new-password" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} />
            <p className="hint">{t('connection.secretHint')}</p>
          </div>
        </>
      ) : (
        <div className="field">
          <span className="field-label">{t('connection.key')}</span>
          <div className="key-status">
            <Icon name="check" className="ok" />
            <span>
              <strong>{credentials?.accessKeyName}</strong> · {credentials?.backend === 'env' ? t('connection.fromEnv') : t('connection.configured')}
            </span>
            {credentials?.backend !== 'env' && (
              <button type="button" className="btn btn-small" onClick={() => setChangingKey(true)}>
                {t('connection.changeKey')}
              </button>
            )}
          </div>
        </div>
      )}
      {credentials && !credentials.persistent && credentials.configured && (
        <p className="notice notice-warn">{credentials.problem ? t('connection.noKeychainWhy', { problem: credentials.problem }) : t('connection.noKeychain')}</p>
      )}

      <label className="check">
        <input type="checkbox" checked={trial} onChange={(e) => setTrial(e.target.checked)} />
        <span>
          {t('connection.trial')}
          <span className="hint">{t('connection.trialHint')}</span>
        </span>
      </label>

      <details className="advanced">
        <summary>{t('connection.advanced')}</summary>
        <div className="field">
          <label htmlFor={`${id}-endpoint`}>{t('connection.endpoint')}</label>
          <input id={`${id}-endpoint`} type="url" spellCheck={false} value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder={t('connection.endpointPlaceholder')} />
          <p className="hint">{t('connection.endpointHint')}</p>
        </div>
      </details>

      {outcome && <OutcomeView outcome={outcome} trial={trial} />}

      <div className="form-actions">
        {mode === 'setup' && connected ? (
          <button type="button" className="btn btn-primary" onClick={() => onConnected?.()} autoFocus>
            {t('connection.continue')}
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={busy || keyMissing}>
            {busy ? t('connection.testing') : t('connection.test')}
          </button>
        )}
        {mode === 'setup' && !connected && outcome?.kind === 'test' && (
          <button type="button" className="btn" disabled={busy || keyMissing} onClick={() => void saveOnly()}>
            {t('connection.continueAnyway')}
          </button>
        )}
        {mode === 'settings' && (
          <button type="button" className="btn" disabled={busy || keyMissing} onClick={() => void saveOnly()}>
            {t('connection.save')}
          </button>
        )}
        {mode === 'settings' && changingKey && credentials?.configured && (
          <button type="button" className="btn btn-ghost" onClick={() => (setChangingKey(false), setSecret(''))}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}

function OutcomeView({ outcome, trial }: { outcome: NonNullable<Outcome>; trial: boolean }): React.JSX.Element {
  const { t } = useTranslation()
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
          <p className="notice-title">{t('connection.saved')}</p>
        </div>
      </div>
    )
  }
  const r = outcome.result
  const headline = connectionHeadline(r, trial)
  return (
    <div className={`notice ${r.ok ? 'notice-ok' : 'notice-error'}`} role={r.ok ? 'status' : 'alert'}>
      <Icon name={r.ok ? 'check' : 'alert'} />
      <div>
        <p className="notice-title">{headline}</p>
        {!r.ok && (r.message || r.otherRegion) && (
          <p className="notice-detail">
            {r.message}
            {r.otherRegion && ` ${r.otherRegion === 'cn' ? t('connection.otherSiteChina') : t('connection.otherSiteGlobal')}`}
          </p>
        )}
        {r.requestId && <p className="notice-detail mono">{t('connection.requestId', { id: r.requestId })}</p>}
      </div>
    </div>
  )
}

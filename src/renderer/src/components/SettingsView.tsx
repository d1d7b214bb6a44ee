// Settings: connection, tracking and download limits, folder, notifications, theme. Each change is saved at once.
import { useEffect, useId, useState } from 'react'
import type { AppSettings, SettingsPatch } from '../../../shared/settings'
import { call, errorMessage, reportError } from '../api'
import { exampleFileName, templateProblem } from '../format'
import { useApp } from '../stores/app'
import { confirm } from '../stores/confirm'
import { toast } from '../stores/toasts'
import { ConnectionForm } from './ConnectionForm'
import { Icon } from './Icon'

async function save(patch: SettingsPatch): Promise<string | null> {
  try {
    await useApp.getState().updateSettings(patch)
    return null
  } catch (e) {
    return errorMessage(e)
  }
}

export function SettingsView(): React.JSX.Element {
  const settings = useApp((s) => s.settings)
  if (!settings) return <main className="settings" />
  return (
    <main className="settings" aria-labelledby="settings-title">
      <div className="settings-inner">
        <h2 id="settings-title" className="page-title">
          Settings
        </h2>
        <Section title="Connection" description="The Aidge account this app queries with.">
          <ConnectionForm mode="settings" />
          <RemoveKey />
        </Section>
        <Section title="Tracking" description="How hard the app polls Aidge. It finds the rate the gateway allows by itself, between these two.">
          <NumberSetting label="Queries per second to start at" value={settings.polling.maxQps} min={0.1} max={100} step={0.5} onCommit={(v) => save({ polling: { maxQps: v } })} />
          <NumberSetting label="Queries per second, at most" value={settings.polling.maxQpsCeiling} min={0.1} max={100} step={0.5} onCommit={(v) => save({ polling: { maxQpsCeiling: v } })} />
          <NumberSetting label="Queries in flight, at most" value={settings.polling.maxInFlight} min={1} max={64} integer onCommit={(v) => save({ polling: { maxInFlight: v } })} />
          <NumberSetting label="Mark a task stale after (minutes without progress)" value={settings.polling.staleAfterMinutes} min={1} max={10080} integer onCommit={(v) => save({ polling: { staleAfterMinutes: v } })} />
        </Section>
        <Section title="Submitting" description="Submits are paid calls with a limit of their own, apart from tracking.">
          <NumberSetting label="Submits per second, at most" value={settings.submit.maxPerSecond} min={0.1} max={20} step={0.5} onCommit={(v) => save({ submit: { maxPerSecond: v } })} />
        </Section>
        <Section title="Downloads" description="Where images go and how they are named.">
          <FolderSetting settings={settings} />
          <TemplateSetting settings={settings} />
          <NumberSetting label="Files downloaded at once" value={settings.downloads.concurrency} min={1} max={32} integer onCommit={(v) => save({ downloads: { concurrency: v } })} />
          <NumberSetting
            label="Largest image accepted, MiB"
            value={settings.downloads.maxImageMiB}
            min={1}
            max={4096}
            integer
            onCommit={(v) => save({ downloads: { maxImageMiB: v } })}
          />
          <Toggle
            label="Download automatically when a task finishes"
            hint={settings.downloads.folder ? `Into ${settings.downloads.folder}` : 'Choose a default folder first.'}
            checked={settings.downloads.autoDownload}
            onChange={(v) => save({ downloads: { autoDownload: v } })}
          />
        </Section>
        <Section title="Notifications">
          <Toggle label="Notify me when tasks finish or fail" hint="A system notification while the window is in the background." checked={settings.notifications} onChange={(v) => save({ notifications: v })} />
        </Section>
        <Section title="Appearance">
          <ThemeSetting value={settings.theme} />
        </Section>
        <AboutSection />
      </div>
    </main>
  )
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }): React.JSX.Element {
  const id = useId()
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-section-head">
        <h3 id={id} className="settings-section-title">
          {title}
        </h3>
        {description && <p className="muted">{description}</p>}
      </div>
      <div className="settings-section-body">{children}</div>
    </section>
  )
}

interface NumberProps {
  label: string
  value: number
  min: number
  max: number
  step?: number
  integer?: boolean
  onCommit(v: number): Promise<string | null>
}

function NumberSetting({ label, value, min, max, step = 1, integer, onCommit }: NumberProps): React.JSX.Element {
  const [text, setText] = useState(String(value))
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  useEffect(() => setText(String(value)), [value])
  const commit = async (): Promise<void> => {
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      setError(`Enter ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`)
      return
    }
    if (n === value) return setError(null)
    const problem = await onCommit(n)
    setError(problem)
    if (!problem) toast.success(`Saved: ${label.toLowerCase()} ${n}.`)
  }
  return (
    <div className="field field-row">
      <label htmlFor={id}>{label}</label>
      <div>
        <input
          id={id}
          type="number"
          className="input-narrow"
          value={text}
          min={min}
          max={max}
          step={step}
          aria-invalid={error !== null}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => e.key === 'Enter' && void commit()}
        />
        {error && <p className="hint hint-error">{error}</p>}
      </div>
    </div>
  )
}

function Toggle({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange(v: boolean): Promise<string | null> }): React.JSX.Element {
  const [error, setError] = useState<string | null>(null)
  // shown at once; back to the saved value if saving fails
  const [shown, setShown] = useState(checked)
  useEffect(() => setShown(checked), [checked])
  const change = async (v: boolean): Promise<void> => {
    setShown(v)
    const problem = await onChange(v)
    setError(problem)
    if (problem) setShown(!v)
  }
  return (
    <label className="check">
      <input type="checkbox" role="switch" checked={shown} onChange={(e) => void change(e.target.checked)} />
      <span>
        {label}
        {hint && <span className="hint">{hint}</span>}
        {error && <span className="hint hint-error">{error}</span>}
      </span>
    </label>
  )
}

function FolderSetting({ settings }: { settings: AppSettings }): React.JSX.Element {
  const folder = settings.downloads.folder
  const choose = async (): Promise<void> => {
    try {
      const r = await call('shell:chooseFolder', folder ? { defaultPath: folder } : {})
      if (r.path) {
        const problem = await save({ downloads: { folder: r.path } })
        if (problem) toast.error(problem)
      }
    } catch (e) {
      reportError(e)
    }
  }
  return (
    <div className="field field-row">
      <span className="field-label">Default folder</span>
      <div className="folder-pick">
        <span className={`folder-path mono${folder ? '' : ' muted'}`} title={folder ?? undefined}>
          {folder ? <bdi>{folder}</bdi> : 'Not set'}
        </span>
        <button type="button" className="btn" aria-label="Choose the default download folder" onClick={() => void choose()}>
          <Icon name="folder" /> Choose…
        </button>
      </div>
    </div>
  )
}

function TemplateSetting({ settings }: { settings: AppSettings }): React.JSX.Element {
  const [text, setText] = useState(settings.downloads.filenameTemplate)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const problem = templateProblem(text)
  const commit = async (): Promise<void> => {
    if (problem || text === settings.downloads.filenameTemplate) return
    setError(await save({ downloads: { filenameTemplate: text } }))
  }
  return (
    <div className="field field-row">
      <label htmlFor={id}>File names</label>
      <div>
        <input id={id} type="text" className="mono" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => void commit()} aria-invalid={problem !== null} />
        <p className={problem || error ? 'hint hint-error' : 'hint'}>{problem ?? error ?? <>Example: <span className="mono">{exampleFileName(text, '4dcfa662-9b1e-4c7a-8d4f-2f6c1e0a9b37')}</span></>}</p>
      </div>
    </div>
  )
}

function ThemeSetting({ value }: { value: AppSettings['theme'] }): React.JSX.Element {
  const [shown, setShown] = useState(value)
  useEffect(() => setShown(value), [value])
  const options: Array<[AppSettings['theme'], string]> = [
    ['system', 'Same as the system'],
    ['light', 'Light'],
    ['dark', 'Dark']
  ]
  return (
    <fieldset className="radio-group">
      <legend>Theme</legend>
      {options.map(([v, label]) => (
        <label key={v} className="radio">
          <input
            type="radio"
            name="theme"
            value={v}
            checked={shown === v}
            onChange={() => {
              setShown(v)
              void save({ theme: v }).then((p) => {
                if (p) {
                  toast.error(p)
                  setShown(value)
                }
              })
            }}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  )
}

function RemoveKey(): React.JSX.Element | null {
  const credentials = useApp((s) => s.credentials)
  if (!credentials?.configured || credentials.backend === 'env') return null
  const remove = async (): Promise<void> => {
    const ok = await confirm({ title: 'Remove the access key?', body: 'Tracking stops until a key is entered again. The history stays.', confirmLabel: 'Remove key', danger: true })
    if (!ok) return
    try {
      const status = await call('credentials:clear')
      useApp.getState().setCredentials(status)
      useApp.setState({ phase: 'setup' })
    } catch (e) {
      reportError(e, 'Could not remove the key')
    }
  }
  return (
    <button type="button" className="btn btn-small btn-danger-ghost settings-remove-key" onClick={() => void remove()}>
      Remove access key…
    </button>
  )
}

function AboutSection(): React.JSX.Element {
  const [info, setInfo] = useState<{ version: string; dataDir: string } | null>(null)
  useEffect(() => {
    call('app:info').then(setInfo, () => setInfo(null))
  }, [])
  return (
    <Section title="About">
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info?.version ?? '—'}</dd>
        <dt>Data folder</dt>
        <dd className="mono selectable">{info?.dataDir ?? '—'}</dd>
      </dl>
    </Section>
  )
}

// Settings: connection, tracking and download limits, folder, notifications, theme, language. Each change is saved at once.
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { pickLanguage, UI_LANGUAGES, type LanguageSetting } from '../../../shared/languages'
import type { AppSettings, SettingsPatch } from '../../../shared/settings'
import { call, errorMessage, reportError } from '../api'
import { exampleFileName, templateProblem } from '../format'
import { LANGUAGE_NAMES } from '../i18n'
import { useApp } from '../stores/app'
import { confirm } from '../stores/confirm'
import { toast } from '../stores/toasts'
import { ConnectionForm } from './ConnectionForm'
import { Icon } from './Icon'
import { Section, SettingsPage } from './Section'

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
  const { t } = useTranslation()
  if (!settings) return <main className="settings" />
  return (
    <SettingsPage title={t('settings.title')}>
      <Section title={t('settings.connection')} description={t('settings.connectionText')}>
        <ConnectionForm mode="settings" />
        <RemoveKey />
      </Section>
      <Section title={t('settings.tracking')} description={t('settings.trackingText')}>
        <NumberSetting label={t('settings.startQps')} value={settings.polling.maxQps} min={0.1} max={100} step={0.5} onCommit={(v) => save({ polling: { maxQps: v } })} />
        <NumberSetting label={t('settings.maxQps')} value={settings.polling.maxQpsCeiling} min={0.1} max={100} step={0.5} onCommit={(v) => save({ polling: { maxQpsCeiling: v } })} />
        <NumberSetting label={t('settings.maxInFlight')} value={settings.polling.maxInFlight} min={1} max={64} integer onCommit={(v) => save({ polling: { maxInFlight: v } })} />
        <NumberSetting label={t('settings.staleAfter')} value={settings.polling.staleAfterMinutes} min={1} max={10080} integer onCommit={(v) => save({ polling: { staleAfterMinutes: v } })} />
      </Section>
      <Section title={t('settings.submitting')} description={t('settings.submittingText')}>
        <NumberSetting label={t('settings.submitsPerSecond')} value={settings.submit.maxPerSecond} min={0.1} max={20} step={0.5} onCommit={(v) => save({ submit: { maxPerSecond: v } })} />
      </Section>
      <Section title={t('settings.downloads')} description={t('settings.downloadsText')}>
        <FolderSetting settings={settings} />
        <TemplateSetting settings={settings} />
        <NumberSetting label={t('settings.concurrency')} value={settings.downloads.concurrency} min={1} max={32} integer onCommit={(v) => save({ downloads: { concurrency: v } })} />
        <NumberSetting label={t('settings.maxConcurrency')} value={settings.downloads.maxConcurrency} min={1} max={64} integer onCommit={(v) => save({ downloads: { maxConcurrency: v } })} />
        <NumberSetting
          label={t('settings.maxImageMiB')}
          value={settings.downloads.maxImageMiB}
          min={1}
          max={4096}
          integer
          onCommit={(v) => save({ downloads: { maxImageMiB: v } })}
        />
        <Toggle
          label={t('settings.autoDownload')}
          hint={settings.downloads.folder ? t('settings.autoDownloadInto', { folder: settings.downloads.folder }) : t('settings.autoDownloadNoFolder')}
          checked={settings.downloads.autoDownload}
          onChange={(v) => save({ downloads: { autoDownload: v } })}
        />
      </Section>
      <Section title={t('settings.notifications')}>
        <Toggle label={t('settings.notify')} hint={t('settings.notifyHint')} checked={settings.notifications} onChange={(v) => save({ notifications: v })} />
      </Section>
      <Section title={t('settings.appearance')}>
        <ThemeSetting value={settings.theme} />
        <LanguageChoice value={settings.language} />
      </Section>
      <AboutSection />
    </SettingsPage>
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
  const { t } = useTranslation()
  useEffect(() => setText(String(value)), [value])
  const commit = async (): Promise<void> => {
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      setError(t(integer ? 'settings.enterWhole' : 'settings.enterNumber', { min, max }))
      return
    }
    if (n === value) return setError(null)
    const problem = await onCommit(n)
    setError(problem)
    if (!problem) toast.success(t('settings.saved', { label, value: n }))
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
  const { t } = useTranslation()
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
      <span className="field-label">{t('settings.defaultFolder')}</span>
      <div className="folder-pick">
        <span className={`folder-path mono${folder ? '' : ' muted'}`} title={folder ?? undefined}>
          {folder ? <bdi>{folder}</bdi> : t('settings.notSet')}
        </span>
        <button type="button" className="btn" aria-label={t('settings.chooseFolderLabel')} onClick={() => void choose()}>
          <Icon name="folder" /> {t('settings.chooseFolder')}
        </button>
      </div>
    </div>
  )
}

function TemplateSetting({ settings }: { settings: AppSettings }): React.JSX.Element {
  const [text, setText] = useState(settings.downloads.filenameTemplate)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const { t } = useTranslation()
  const problem = templateProblem(text)
  const commit = async (): Promise<void> => {
    if (problem || text === settings.downloads.filenameTemplate) return
    setError(await save({ downloads: { filenameTemplate: text } }))
  }
  return (
    <div className="field field-row">
      <label htmlFor={id}>{t('settings.fileNames')}</label>
      <div>
        <input id={id} type="text" className="mono" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => void commit()} aria-invalid={problem !== null} />
        <p className={problem || error ? 'hint hint-error' : 'hint'}>{problem ?? error ?? <>{t('settings.example')} <span className="mono">{exampleFileName(text, '4dcfa662-9b1e-4c7a-8d4f-2f6c1e0a9b37')}</span></>}</p>
      </div>
    </div>
  )
}

function ThemeSetting({ value }: { value: AppSettings['theme'] }): React.JSX.Element {
  const [shown, setShown] = useState(value)
  useEffect(() => setShown(value), [value])
  const { t } = useTranslation()
  const options: Array<[AppSettings['theme'], string]> = [
    ['system', t('settings.themeSystem')],
    ['light', t('settings.themeLight')],
    ['dark', t('settings.themeDark')]
  ]
  return (
    <fieldset className="radio-group">
      <legend>{t('settings.theme')}</legend>
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
  const { t } = useTranslation()
  if (!credentials?.configured || credentials.backend === 'env') return null
  const remove = async (): Promise<void> => {
    const ok = await confirm({ title: t('settings.removeKeyTitle'), body: t('settings.removeKeyBody'), confirmLabel: t('settings.removeKeyConfirm'), danger: true })
    if (!ok) return
    try {
      const status = await call('credentials:clear')
      useApp.getState().setCredentials(status)
      useApp.setState({ phase: 'setup' })
    } catch (e) {
      reportError(e, t('settings.removeKeyFailed'))
    }
  }
  return (
    <button type="button" className="btn btn-small btn-danger-ghost settings-remove-key" onClick={() => void remove()}>
      {t('settings.removeKey')}
    </button>
  )
}

function AboutSection(): React.JSX.Element {
  const [info, setInfo] = useState<{ version: string; dataDir: string } | null>(null)
  const { t } = useTranslation()
  useEffect(() => {
    call('app:info').then(setInfo, () => setInfo(null))
  }, [])
  return (
    <Section title={t('settings.about')}>
      <dl className="facts">
        <dt>{t('settings.version')}</dt>
        <dd>{info?.version ?? '—'}</dd>
        <dt>{t('settings.dataFolder')}</dt>
        <dd className="mono selectable">{info?.dataDir ?? '—'}</dd>
      </dl>
    </Section>
  )
}

/** The window's language: the system's (named in brackets with what that resolves to) or one chosen here. Each
 * language is named in itself, so a user who cannot read the current one still finds theirs. */
function LanguageChoice({ value }: { value: LanguageSetting }): React.JSX.Element {
  const [shown, setShown] = useState(value)
  useEffect(() => setShown(value), [value])
  const systemLanguages = useApp((s) => s.systemLanguages)
  const { t } = useTranslation()
  const id = useId()
  const system = pickLanguage(systemLanguages.length > 0 ? systemLanguages : navigator.languages)
  const change = (v: LanguageSetting): void => {
    setShown(v)
    void save({ language: v }).then((p) => {
      if (p) {
        toast.error(p)
        setShown(value)
      }
    })
  }
  return (
    <div className="field field-row">
      <label htmlFor={id}>{t('settings.language')}</label>
      <div>
        <select id={id} value={shown} onChange={(e) => change(e.target.value as LanguageSetting)}>
          <option value="system">{t('settings.languageSystem', { language: LANGUAGE_NAMES[system] })}</option>
          {UI_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
        <p className="hint">{t('settings.languageHint')}</p>
      </div>
    </div>
  )
}

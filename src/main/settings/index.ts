// Public surface of the settings: the one place that reads and writes them. Plain Node.
export { SettingsError, SettingsStore, settingsPatchSchema, windowStateSchema, type ConnectionOverrides, type SettingsBackend, type WindowState } from './settingsStore'

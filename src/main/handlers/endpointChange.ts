import type { AppSettings } from '../../shared/settings'
import { mergeSettings, type SettingsPatch } from '../../shared/settings'
import { resolveBaseUrl } from '../aidge/endpoint'

/** Where signed calls would go after a settings change: the host a person must recognise, and the full base URL. */
export interface EndpointChange {
  host: string
  url: string
}

function baseUrl(s: Pick<AppSettings, 'region' | 'endpoint'>): URL | null {
  try {
    return new URL(resolveBaseUrl(s.region, s.endpoint))
  } catch {
    return null // an invalid endpoint is refused by the settings store with its own message
  }
}

/**
 * The change of host a settings patch would make, or null when signed calls stay on an origin already in use: the
 * saved one, or this run's (a CLI flag or environment variable the user typed, which the settings form shows and
 * may save back). Every signed call carries a signature that covers neither path nor body, so whoever receives one
 * can replay it against any Aidge API while it is fresh: moving calls to another origin is the user's decision,
 * never the page's.
 */
export function endpointChangeOf(saved: AppSettings, patch: SettingsPatch, effective: AppSettings = saved): EndpointChange | null {
  if (patch.endpoint === undefined && patch.region === undefined) return null
  const next = mergeSettings(saved, { ...(patch.region !== undefined ? { region: patch.region } : {}), ...(patch.endpoint !== undefined ? { endpoint: patch.endpoint } : {}) })
  if (next.endpoint !== null && next.endpoint.trim() === '') next.endpoint = null
  const to = baseUrl(next)
  if (to === null) return null
  for (const current of [saved, effective]) if (baseUrl(current)?.origin === to.origin) return null
  return { host: to.host, url: to.toString().replace(/\/+$/, '') }
}

export type ConfirmOutcome = 'unchanged' | 'confirmed' | 'declined' | 'busy'

/**
 * Asks the user (through main's native dialog) before a renderer-requested change moves signed calls to another
 * host. One question at a time: while a dialog is open, another change of host is refused, so the host the user
 * reads is the one that gets applied. Until the answer, the settings are untouched and calls keep their old host.
 */
export function createEndpointConfirmation(ask: (change: EndpointChange) => Promise<boolean>) {
  let pending: EndpointChange | null = null
  return async (saved: AppSettings, patch: SettingsPatch, effective: AppSettings = saved): Promise<{ outcome: ConfirmOutcome; change: EndpointChange | null }> => {
    const change = endpointChangeOf(saved, patch, effective)
    if (change === null) return { outcome: 'unchanged', change }
    if (pending !== null) return { outcome: 'busy', change }
    pending = change
    try {
      return { outcome: (await ask(change).catch(() => false)) === true ? 'confirmed' : 'declined', change }
    } finally {
      pending = null
    }
  }
}

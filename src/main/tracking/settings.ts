import type { AppSettings } from '../../shared/settings'
import type { PollOptions } from './scheduler'

/** The poll options the user's settings decide (the rest keep their defaults or a run's overrides). */
export function pollOptionsOf(polling: AppSettings['polling']): Partial<PollOptions> {
  return { maxQps: polling.maxQps, maxQpsCeiling: polling.maxQpsCeiling, maxInFlight: polling.maxInFlight, staleAfterMs: polling.staleAfterMinutes * 60_000 }
}

import type { AppSettings } from '../../shared/settings'
import type { SubmitQueueOptions } from './queue'

/** The submit queue's options the user's settings decide. */
export function submitOptionsOf(submit: AppSettings['submit']): Partial<SubmitQueueOptions> {
  return { maxPerSecond: submit.maxPerSecond, maxInFlight: submit.maxInFlight }
}

import type { DisplayStatus } from '../../../shared/history'

export const STATUS_ORDER: DisplayStatus[] = ['queued', 'submitted', 'running', 'finished', 'failed', 'stale', 'error']

export const STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  submitted: 'Submitted',
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
  stale: 'Stale',
  error: 'Error'
}

export const STATUS_HINT: Record<string, string> = {
  queued: 'Added; not yet answered by the gateway',
  submitted: 'Accepted by Aidge; waiting to run',
  running: 'Being generated',
  finished: 'Done: images are ready',
  failed: 'Aidge could not generate the images',
  stale: 'No progress for too long; query it again to resume',
  error: 'Tracking stopped on an error'
}

export function statusLabel(s: string): string {
  return STATUS_LABEL[s] ?? s
}

export function StatusBadge({ status }: { status: DisplayStatus }): React.JSX.Element {
  const known = s(status)
  return (
    <span className={`badge badge-${known}`} title={STATUS_HINT[status] ?? `Status reported by Aidge: ${status}`}>
      <span className="badge-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  )
}

function s(status: string): string {
  return STATUS_ORDER.includes(status) ? status : 'other'
}

// Task statuses: the badge, its tooltip, and the word inside a sentence.
export default {
  label: {
    queued: 'Queued',
    submitted: 'Submitted',
    running: 'Running',
    finished: 'Finished',
    failed: 'Failed',
    stale: 'Stale',
    error: 'Error'
  },
  word: {
    queued: 'queued',
    submitted: 'submitted',
    running: 'running',
    finished: 'finished',
    failed: 'failed',
    stale: 'stale',
    error: 'error'
  },
  hint: {
    queued: 'Added; not yet answered by the gateway',
    submitted: 'Accepted by Aidge; waiting to run',
    running: 'Being generated',
    finished: 'Done: images are ready',
    failed: 'Aidge could not generate the images',
    stale: 'No progress for too long; query it again to resume',
    error: 'Tracking stopped on an error'
  },
  unknownHint: 'Status reported by Aidge: {{status}}'
} as const

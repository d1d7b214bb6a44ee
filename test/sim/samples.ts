// Sample tasks with fixed ids that show every kind of outcome: `npm run sim` and `npm run preview:web` serve them.
import type { TaskSpec } from './types'

export const SAMPLE_TASKS: TaskSpec[] = [
  { id: 'sample-finished', lifecycle: [{ status: 'finished' }], images: 2 },
  { id: 'sample-progress' },
  { id: 'sample-slow', lifecycle: [{ status: 'submitted' }, { status: 'running', afterMs: 5_000 }, { status: 'finished', afterMs: 60_000 }], images: 3 },
  { id: 'sample-failed', lifecycle: [{ status: 'running' }, { status: 'failed', afterQueries: 2 }], failMessage: 'model failed: the input image has no person in it' },
  { id: 'sample-url-list', lifecycle: [{ status: 'finished' }], resultForm: 'imageUrlList', images: 2 },
  { id: 'sample-url-string', lifecycle: [{ status: 'finished' }], resultForm: 'imageUrlListString', images: 2 },
  { id: 'sample-large', lifecycle: [{ status: 'finished' }], images: Array.from({ length: 4 }, () => ({ bytes: 1_000_000 })) },
  {
    id: 'sample-odd-names',
    lifecycle: [{ status: 'finished' }],
    images: [{ name: '../evil' }, { name: '%2e%2e%2fevil2' }, { name: 'result', format: 'jpeg', servedAs: 'png' }]
  },
  { id: 'sample-same-name', lifecycle: [{ status: 'finished' }], images: [{ name: 'result' }] },
  { id: 'sample-sensitive', businessError: { resCode: 1000 } },
  { id: 'sample-content-retry', businessError: { resCode: 1001, times: 2 } }
]

// The window's first script: asks main for what the first screen needs (lib/startupAsks.ts). index.html lists it
// before main.tsx, so the bundle runs it before the modules main.tsx imports (React, the stores, the catalogs: ~100 ms
// of evaluation at start), and main answers meanwhile.
import { askKey, savedBrowse, startupAsks, type EarlyAnswers } from './lib/startupAsks'

const api = (window as { api?: Window['api'] }).api
if (api && typeof api.invoke === 'function') {
  const invoke = api.invoke as (channel: string, ...args: unknown[]) => Promise<unknown>
  const early: EarlyAnswers = { askedAt: performance.now(), answers: new Map() }
  for (const [channel, ...args] of startupAsks(savedBrowse())) {
    // a failed ask answers null: its store asks again
    early.answers.set(askKey(channel, args), invoke(channel, ...args).then((r) => r as never, () => null))
  }
  window.__aidgeEarly = early
}

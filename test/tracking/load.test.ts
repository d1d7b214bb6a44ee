// 50 tasks with mixed lifecycles, in real time against the simulator: correct final states, bounded calls per
// task, and the global limits (calls per second, calls in flight) seen from the server's side.
import { describe, expect, it } from 'vitest'
import type { TaskSpec } from '../sim'
import { peakInWindow } from './driver'
import { allSettled, queryLog, startEnv, taskId, waitFor } from './harness'

interface Expect {
  status: string | null
  tracking: 'done' | 'error'
  /** exact number of query calls, or an upper bound */
  calls: number | { max: number }
}

function mixedTasks(): Array<{ spec: TaskSpec; expect: Expect }> {
  const out: Array<{ spec: TaskSpec; expect: Expect }> = []
  let n = 0
  const add = (count: number, make: (id: string, i: number) => TaskSpec, expect: Expect): void => {
    for (let i = 0; i < count; i++) out.push({ spec: make(taskId(++n, 0x50), i), expect })
  }
  // submitted -> running after 1 query -> finished after 3: the 4th query sees finished
  add(15, (id) => ({ id }), { status: 'finished', tracking: 'done', calls: 4 })
  add(8, (id) => ({ id, finalStatus: 'failed', failMessage: 'model failed (simulated)' }), { status: 'failed', tracking: 'done', calls: 4 })
  // finish by time (100-550 ms of real time), whatever the queries
  add(
    10,
    (id, i) => ({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterMs: 60 }, { status: 'finished', afterMs: 100 + 50 * i }] }),
    { status: 'finished', tracking: 'done', calls: { max: 14 } }
  )
  // a status the protocol does not document is non-terminal and kept verbatim
  add(
    5,
    (id) => ({ id, lifecycle: [{ status: 'submitted' }, { status: 'queued_for_gpu', afterQueries: 1 }, { status: 'finished', afterQueries: 2 }], resultForm: 'imageUrlListString' }),
    { status: 'finished', tracking: 'done', calls: 3 }
  )
  // 1001 twice, then fine: retried within maxBusinessRetries
  add(4, (id) => ({ id, businessError: { resCode: 1001, times: 2 } }), { status: 'finished', tracking: 'done', calls: 6 })
  // non-retryable business errors end the task's polling at once
  add(4, (id) => ({ id, businessError: { resCode: 700 } }), { status: null, tracking: 'error', calls: 1 })
  add(4, (id) => ({ id, businessError: { resCode: 1000 } }), { status: null, tracking: 'error', calls: 1 })
  return out
}

describe('50 tasks with mixed lifecycles', () => {
  it('all reach their final state, with bounded calls per task and the global limits kept', async () => {
    const maxQps = 40
    const maxInFlight = 4
    const env = await startEnv({ poll: { maxQps, maxInFlight } })
    const tasks = mixedTasks()
    expect(tasks).toHaveLength(50)
    env.sim.addTasks(tasks.map((t) => t.spec))
    const ids = tasks.map((t) => t.spec.id)

    const started = Date.now()
    const added = env.services.addTasks(ids)
    expect(added.added).toHaveLength(50)
    await waitFor(env.scheduler, () => allSettled(env.services), 'every task to settle', 15_000)

    const stats = env.sim.stats()
    for (const { spec, expect: want } of tasks) {
      const rec = env.services.history.getTask(spec.id)!
      expect.soft(rec.status, spec.id).toBe(want.status)
      expect.soft(rec.tracking, spec.id).toBe(want.tracking)
      const calls = stats.callsByTask[spec.id] ?? 0
      if (typeof want.calls === 'number') expect.soft(calls, `calls of ${spec.id}`).toBe(want.calls)
      else expect.soft(calls, `calls of ${spec.id}`).toBeLessThanOrEqual(want.calls.max)
      if (want.tracking === 'error') {
        expect.soft(rec.lastError?.kind).toBe('business')
        expect.soft(rec.lastError?.code).toMatch(/^(700|1000)$/)
        expect.soft(rec.lastError?.requestId).toBeTruthy()
      } else {
        expect.soft(rec.lastError).toBeNull()
      }
      if (want.status === 'finished') expect.soft(rec.images.length, spec.id).toBeGreaterThan(0)
    }

    // The limits, as the server saw them (arrivals in any 1 s of real time). No slack at the window's edge: the
    // scheduler keeps a call in the window until 1 s after its answer, so latency cannot push two calls closer.
    expect(stats.peakQps).toBeLessThanOrEqual(maxQps)
    expect(stats.peakQps).toBeGreaterThanOrEqual(maxQps / 2) // demand exceeded the limit: it was actually used
    expect(stats.maxInFlight).toBeLessThanOrEqual(maxInFlight)
    // The scheduler's own view (sim log times are when answers were sent, Date.now()).
    expect(peakInWindow(queryLog(env.sim).map((e) => e.at))).toBeLessThanOrEqual(maxQps)
    // The whole run is bounded by the limit: ~190 calls at 40/s.
    expect(stats.queryCalls).toBeLessThan(230)
    expect(Date.now() - started).toBeLessThan(12_000)
    expect(env.scheduler.status().mode).toBe('idle')
  })
})

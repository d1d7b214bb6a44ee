// Shared by the submit tests: a simulator, a temp data folder, a folder of generated photos, and the app's own
// services (createServices) pointed at the simulator with the key pair in the environment.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices, type Services, type ServicesOptions } from '../../src/main/services'
import { DEFAULT_SUBMIT_PARAMS, type SubmissionRecord, type SubmitParams } from '../../src/shared/submit'
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim'

export interface SubmitSetup {
  sim: Simulator
  root: string
  dataDir: string
  photos: string
  open(extra?: Partial<ServicesOptions>): Promise<Services>
  cleanup(): Promise<void>
}

export const FAST = { maxPerSecond: 50, maxInFlight: 4, retryPauseMs: 20, maxRetryPauseMs: 100 }

export async function submitSetup(simOptions: SimulatorOptions = {}): Promise<SubmitSetup> {
  const sim = await startSimulator(simOptions)
  const root = mkdtempSync(join(tmpdir(), 'aidge-submit-'))
  const opened: Services[] = []
  const s: SubmitSetup = {
    sim,
    root,
    dataDir: join(root, 'data'),
    photos: root,
    async open(extra = {}) {
      const services = await createServices({
        dataDir: s.dataDir,
        env: { AIDGE_ACCESS_KEY_NAME: sim.accessKeyName, AIDGE_ACCESS_KEY_SECRET: sim.secret },
        connection: { endpoint: sim.url },
        submitOptions: FAST,
        ...extra
      })
      opened.push(services)
      return services
    },
    async cleanup() {
      for (const services of opened.splice(0)) await services.close().catch(() => undefined)
      await sim.close()
      rmSync(root, { recursive: true, force: true })
    }
  }
  return s
}

export function files(paths: readonly string[], params: Partial<SubmitParams> = {}, flags: { fit?: boolean; again?: boolean } = {}) {
  return paths.map((input) => ({ input, inputKind: 'file' as const, params: { ...DEFAULT_SUBMIT_PARAMS, ...params }, fit: flags.fit ?? false, again: flags.again ?? false }))
}

/** Submits and waits until none of the batch's rows is pending. */
export async function submitAndSettle(services: Services, items: ReturnType<typeof files>): Promise<SubmissionRecord[]> {
  const { rows } = services.submissions.submit(items)
  return services.submissions.queue.settled(rows.map((r) => r.id))
}

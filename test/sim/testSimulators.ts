// For test files that start simulators of their own per test: each is closed after its test.
import { afterEach } from 'vitest'
import { startSimulator, type Simulator } from './simulator'
import type { SimulatorOptions } from './types'

export function simulatorsForTest(): { start(options?: SimulatorOptions): Promise<Simulator>; creds(sim: Simulator): { appKey: string; secret: string } } {
  const sims: Simulator[] = []
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()))
  })
  return {
    async start(options = {}) {
      const sim = await startSimulator(options)
      sims.push(sim)
      return sim
    },
    creds: (sim) => ({ appKey: sim.accessKeyName, secret: sim.secret })
  }
}

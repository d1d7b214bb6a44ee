// "Test connection": one signed call, and what its answer says about the key, the region, the clock and the
// quota, as a problem code the renderer words (src/renderer/src/explain.ts).
import type { ConnectionTestResult } from '../../shared/ipc'
import { AidgeError } from '../aidge/errors'
import type { Services } from '../services'

/** A probe id for "Test connection": a real signed call whose answer tells auth, quota and clock problems apart
 * without spending a real task's quota (an unknown task is a business error once the gateway has accepted us). */
export const CONNECTION_PROBE_TASK_ID = 'aidge-task-desk-connection-check'

export async function testConnection(services: Services): Promise<ConnectionTestResult> {
  const connected = (requestId: string | null): ConnectionTestResult => ({ ok: true, problem: 'none', message: '', code: null, otherRegion: null, balance: null, requestId })
  try {
    const r = await services.client().queryTask(CONNECTION_PROBE_TASK_ID)
    return connected(r.requestId)
  } catch (e) {
    if (!(e instanceof AidgeError)) throw e
    const requestId = e.requestId ?? null
    if (e.kind === 'business' || e.kind === 'rateLimit') return connected(requestId)
    const refused = (problem: ConnectionTestResult['problem'], otherRegion: ConnectionTestResult['otherRegion'] = null): ConnectionTestResult => ({
      ok: false,
      problem,
      message: e.message,
      code: e.code,
      otherRegion,
      balance: null,
      requestId
    })
    if (e.kind === 'auth') {
      if (/timestamp|clock/i.test(`${e.code} ${e.message}`)) return refused('clock')
      if (e.code === 'NO_CREDENTIALS') return refused('auth')
      // on a region's own endpoint, a refused key may have been issued on the other site
      const s = services.effectiveSettings()
      const otherRegion = s.endpoint === null ? (s.region === 'global' ? 'cn' : 'global') : null
      return refused(/appkey|app_key|InvalidApp/i.test(e.code) ? 'region' : 'auth', otherRegion)
    }
    if (e.kind === 'quota') return refused('quota')
    if (e.kind === 'network' || e.kind === 'http') return refused('network')
    return refused('other')
  }
}


// The JSON control API under /__sim/, so a separate process (UI tests) can drive a running simulator.
//   GET    /__sim/info            { url, accessKeyName, taskIds }   (never the secret)
//   GET    /__sim/tasks           [TaskSnapshot]
//   POST   /__sim/tasks           body TaskSpec | TaskSpec[]  -> { ok, tasks: [TaskSnapshot] }
//   GET    /__sim/tasks/:id       TaskSnapshot | 404
//   GET    /__sim/faults          active faults
//   POST   /__sim/faults          body FaultSpec | FaultSpec[] -> { ok, ids }
//   DELETE /__sim/faults[/:id]    clear all (or one)
//   GET    /__sim/stats           SimStats;  DELETE /__sim/stats resets them
//   POST   /__sim/config          body Partial<SimConfig> (quota, qpsLimit, autoTasks, ...)
//   POST   /__sim/reset           tasks, faults and stats cleared
//   POST   /__sim/files           body { name, base64 } -> { ok, url }: a photo a submit may name by imageUrl
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendJson } from './httpParts'
import type { Simulator } from './simulator'
import type { FaultSpec, TaskSpec } from './types'

const many = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : [v as T])

export async function handleControl(sim: Simulator, req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
  const method = req.method ?? 'GET'
  const parts = rawPath.slice('/__sim/'.length).split('/').filter(Boolean).map(decodeURIComponent)
  const route = `${method} ${parts[0] ?? ''}`
  let body: unknown
  if (method === 'POST') {
    const raw = await readBody(req, 8 * 1024 * 1024)
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {}
    } catch {
      return sendJson(res, 400, { ok: false, error: 'body is not JSON' })
    }
  }
  try {
    switch (route) {
      case 'GET info':
        return sendJson(res, 200, { url: sim.url, accessKeyName: sim.accessKeyName, taskIds: sim.taskIds() })
      case 'GET tasks': {
        if (parts[1] === undefined) return sendJson(res, 200, sim.taskIds().map((id) => sim.getTask(id)))
        const snap = sim.getTask(parts[1])
        return snap ? sendJson(res, 200, snap) : sendJson(res, 404, { ok: false, error: `no task ${parts[1]}` })
      }
      case 'POST tasks':
        return sendJson(res, 200, { ok: true, tasks: sim.addTasks(many<TaskSpec>(body)) })
      case 'GET faults':
        return sendJson(res, 200, sim.activeFaults())
      case 'POST faults':
        return sendJson(res, 200, { ok: true, ids: many<FaultSpec>(body).map((f) => sim.fault(f)) })
      case 'DELETE faults':
        sim.clearFaults(parts[1])
        return sendJson(res, 200, { ok: true })
      case 'GET stats':
        return sendJson(res, 200, sim.stats())
      case 'DELETE stats':
        sim.resetStats()
        return sendJson(res, 200, { ok: true })
      case 'POST config':
        sim.configure(body as Parameters<Simulator['configure']>[0])
        return sendJson(res, 200, { ok: true })
      case 'POST files': {
        const f = body as { name?: unknown; base64?: unknown }
        if (typeof f.name !== 'string' || typeof f.base64 !== 'string') return sendJson(res, 400, { ok: false, error: 'body needs name and base64' })
        return sendJson(res, 200, { ok: true, url: sim.hostFile(f.name, Buffer.from(f.base64, 'base64')) })
      }
      case 'POST reset':
        sim.reset()
        return sendJson(res, 200, { ok: true })
      default:
        return sendJson(res, 404, { ok: false, error: `no control route ${route}` })
    }
  } catch (e) {
    return sendJson(res, 400, { ok: false, error: e instanceof Error ? e.message : String(e) })
  }
}

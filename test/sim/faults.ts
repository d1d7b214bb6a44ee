// On-demand faults: each applies to the next `times` matching requests, or for `forMs` on the sim clock, or
// until cleared; the first registered active fault that matches a request is the one applied.
import type { ApiFaultKind, FaultKind, FaultSpec, ImageFaultKind } from './types'

export const API_FAULT_KINDS: readonly ApiFaultKind[] = [
  'rateLimit501',
  'gatewayCallLimit',
  'http429',
  'systemError500',
  'http502Html',
  'slowBody',
  'stallHeaders',
  'truncatedBody',
  'connectionReset',
  'lostAnswer',
  'notJson',
  'wrongShape',
  'business'
]
export const IMAGE_FAULT_KINDS: readonly ImageFaultKind[] = ['imageReset', 'imageStall', 'image5xx', 'imageCutOnce', 'imageExpire', 'imageHuge', 'imageHugeLength', 'imageHtml', 'imageRedirect', 'imageBody']

export interface ActiveFault {
  id: string
  spec: FaultSpec
  left: number
  until?: number
}

export interface FaultContext {
  taskId?: string
  index?: number
  apiPath?: string
  /** submit calls: the sha256 (hex) of the input image's bytes */
  input?: string
}

function isImageKind(kind: FaultKind): kind is ImageFaultKind {
  return (IMAGE_FAULT_KINDS as readonly string[]).includes(kind)
}

export class FaultRegistry {
  private faults: ActiveFault[] = []
  private seq = 0

  constructor(private readonly now: () => number) {}

  add(spec: FaultSpec): string {
    if (!spec || (!isImageKind(spec.kind) && !(API_FAULT_KINDS as readonly string[]).includes(spec.kind))) {
      throw new Error(`unknown fault kind ${JSON.stringify(spec?.kind)}`)
    }
    if (spec.kind === 'business' && typeof spec.resCode !== 'number') throw new Error('a business fault needs a numeric resCode')
    const id = `fault-${++this.seq}`
    const times = spec.kind === 'imageCutOnce' ? 1 : spec.times
    const fault: ActiveFault = { id, spec: { ...spec }, left: times ?? Infinity }
    if (spec.forMs !== undefined) fault.until = this.now() + spec.forMs
    this.faults.push(fault)
    return id
  }

  clear(id?: string): void {
    this.faults = id === undefined ? [] : this.faults.filter((f) => f.id !== id)
  }

  list(): ActiveFault[] {
    this.prune()
    return this.faults.map((f) => ({ ...f, spec: { ...f.spec } }))
  }

  private prune(): void {
    const now = this.now()
    this.faults = this.faults.filter((f) => f.left > 0 && (f.until === undefined || now < f.until))
  }

  /** Take (and count down) the first active fault of the given family that matches the request. */
  take(family: 'api' | 'image', ctx: FaultContext, accept?: (kind: FaultKind) => boolean): ActiveFault | undefined {
    this.prune()
    const fault = this.faults.find((f) => {
      const s = f.spec
      if (isImageKind(s.kind) !== (family === 'image')) return false
      if (accept && !accept(s.kind)) return false
      if (s.taskId !== undefined && s.taskId !== ctx.taskId) return false
      if (s.index !== undefined && s.index !== ctx.index) return false
      if (s.apiPath !== undefined && s.apiPath !== ctx.apiPath) return false
      if (s.input !== undefined && s.input !== ctx.input) return false
      return true
    })
    if (fault) fault.left--
    return fault
  }
}

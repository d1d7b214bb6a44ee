// Counters a test or benchmark reads back: calls, per-task calls, peak QPS (real time), concurrency, a bounded log.
import { performance } from 'node:perf_hooks'
import type { LogEntry, SimStats } from './types'

/** Times (performance.now ms) of events inside a sliding 1 s window. */
export class SlidingWindow {
  private times: number[] = []
  private head = 0

  /** `clock`: what time is when count/push get none (performance.now by default; the sim clock for virtual time) */
  constructor(private readonly clock: () => number = () => performance.now()) {}

  count(now = this.clock()): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - 1000) this.head++
    if (this.head > 1024) {
      this.times = this.times.slice(this.head)
      this.head = 0
    }
    return this.times.length - this.head
  }

  push(now = this.clock()): number {
    this.count(now)
    this.times.push(now)
    return this.times.length - this.head
  }

  clear(): void {
    this.times = []
    this.head = 0
  }
}

export class StatsRecorder {
  private s: Omit<SimStats, 'log'> = StatsRecorder.empty()
  private log: LogEntry[] = []
  private readonly window = new SlidingWindow()
  private inFlight = 0
  private imageInFlight = 0

  constructor(private readonly logLimit: number) {}

  private static empty(): Omit<SimStats, 'log'> {
    return {
      calls: 0,
      queryCalls: 0,
      callsByTask: {},
      peakQps: 0,
      maxInFlight: 0,
      imageMaxInFlight: 0,
      gatewayErrors: 0,
      businessErrors: 0,
      imageRequests: 0,
      imageBytesSent: 0,
      connections: 0,
      submitCalls: 0,
      tasksCreated: 0,
      createdByInput: {}
    }
  }

  /** A /rest call arrived; returns a function to call when its response closes. */
  callStarted(): () => void {
    this.s.calls++
    this.s.peakQps = Math.max(this.s.peakQps, this.window.push())
    this.inFlight++
    this.s.maxInFlight = Math.max(this.s.maxInFlight, this.inFlight)
    let done = false
    return () => {
      if (!done) this.inFlight--
      done = true
    }
  }

  queryCall(taskId: string | undefined): void {
    this.s.queryCalls++
    if (taskId !== undefined) this.s.callsByTask[taskId] = (this.s.callsByTask[taskId] ?? 0) + 1
  }

  /** Log an answered call; `answered` is the gateway's answer when a fault only changed its delivery. */
  outcome(entry: LogEntry, answered = entry.outcome): void {
    if (answered.startsWith('gateway:')) this.s.gatewayErrors++
    if (answered.startsWith('business:')) this.s.businessErrors++
    this.append(entry)
  }

  /** image requests open right now */
  imagesInFlight(): number {
    return this.imageInFlight
  }

  imageStarted(): () => void {
    this.s.imageRequests++
    this.imageInFlight++
    this.s.imageMaxInFlight = Math.max(this.s.imageMaxInFlight, this.imageInFlight)
    let done = false
    return () => {
      if (!done) this.imageInFlight--
      done = true
    }
  }

  submitCall(): void {
    this.s.submitCalls++
  }

  created(inputKey: string): void {
    this.s.tasksCreated++
    this.s.createdByInput[inputKey] = (this.s.createdByInput[inputKey] ?? 0) + 1
  }

  connectionOpened(): void {
    this.s.connections++
  }

  imageBytes(n: number): void {
    this.s.imageBytesSent += n
  }

  append(entry: LogEntry): void {
    this.log.push(entry)
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit)
  }

  snapshot(): SimStats {
    return { ...this.s, callsByTask: { ...this.s.callsByTask }, createdByInput: { ...this.s.createdByInput }, log: this.log.map((e) => ({ ...e })) }
  }

  /** Zero the counters and the log (calls in flight keep counting down correctly). */
  reset(): void {
    this.s = StatsRecorder.empty()
    this.log = []
    this.window.clear()
    this.s.maxInFlight = this.inFlight
    this.s.imageMaxInFlight = this.imageInFlight
  }
}

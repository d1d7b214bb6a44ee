// Public types of the Aidge simulator: task specs, fault specs, options and stats.
import type { FarStoreSpec } from './farStore'

export type ResultForm =
  /** data.taskResult: [{ width, url, height }] (the vendor's sample) */
  | 'url'
  /** an array of URLs under imageUrlList (where: see TaskSpec.urlListAt) */
  | 'imageUrlList'
  /** a string holding a JSON array of URLs under imageUrlList */
  | 'imageUrlListString'

export interface ImageSpec {
  format?: 'png' | 'jpeg'
  width?: number
  height?: number
  /** File name in the URL, without extension. Placed percent-encoded in the path; %XX escapes already in the
   * name are kept as written, so `%2e%2e%2fevil` reaches the client verbatim and `../evil` as `..%2Fevil`. */
  name?: string
  /** Extension used in the URL (and thus the Content-Type), e.g. 'png' for JPEG bytes. Default from format. */
  servedAs?: string
  /** Approximate size target in bytes: the image is filled with noise so it does not compress. */
  bytes?: number
}

export interface LifecycleStage {
  status: string
  /** reached once this many queries of the task have been answered with a status (query n+1 sees it) */
  afterQueries?: number
  /** reached this many ms (sim clock) after the task was created */
  afterMs?: number
}

export interface TaskSpec {
  id: string
  /** Default: submitted -> running after 1 query -> finished after 3 queries (the 4th query sees finished).
   * A stage is reached when either of its conditions holds; the first stage is the initial status. */
  lifecycle?: LifecycleStage[]
  /** Status of the last stage (default 'finished'); e.g. 'failed'. */
  finalStatus?: string
  resultForm?: ResultForm
  /** For the imageUrlList forms: data.imageUrlList (default) or data.taskResult: [{ imageUrlList, width, height }] */
  urlListAt?: 'data' | 'taskResult'
  /** number of images (default 2) or one spec per image */
  images?: number | ImageSpec[]
  /** data.taskMessage while not failed */
  message?: string
  /** data.taskMessage when failed */
  failMessage?: string
  /** answer this business resCode for the task's queries; with times, recover after that many answers */
  businessError?: { resCode: number; times?: number; resMessage?: string }
  /** absolute sim-clock ms at which the task reaches its last stage, whatever the queries */
  finishAt?: number
  /** the first this many answers that carry result links carry links that expired a minute before the answer
   * (the object store refuses them with 403); later answers carry fresh ones */
  expiredLinks?: number
}

export interface TaskSnapshot {
  id: string
  status: string
  /** queries answered with a status */
  queries: number
  createdAt: number
  /** sim-clock ms when the task became finished/failed, if it has */
  finishedAt?: number
  imageCount: number
  resultForm: ResultForm
  auto: boolean
}

export type ApiFaultKind =
  | 'rateLimit501'
  | 'gatewayCallLimit'
  | 'http429'
  | 'systemError500'
  | 'http502Html'
  | 'slowBody'
  | 'stallHeaders'
  | 'truncatedBody'
  | 'connectionReset'
  /** the call is carried out (a submit creates its task), then the connection is reset before any answer */
  | 'lostAnswer'
  | 'notJson'
  | 'wrongShape'
  | 'business'

export type ImageFaultKind =
  | 'imageReset'
  | 'imageStall'
  | 'image5xx'
  | 'imageCutOnce'
  | 'imageExpire'
  /** a hostile store: the image's real first bytes, then zeros, chunked (no length), up to `bytes` (default 200 MiB) */
  | 'imageHuge'
  /** the same, announced: Content-Length `bytes` (default 200 MiB) */
  | 'imageHugeLength'
  /** an HTML page sent as image/png, chunked, `bytes` long (default 50 MiB) */
  | 'imageHtml'
  /** a redirect (`status`, default 302) to `location` */
  | 'imageRedirect'
  /** these exact bytes as image/png (`bodyBase64`), e.g. a decompression bomb */
  | 'imageBody'

export type FaultKind = ApiFaultKind | ImageFaultKind

export interface FaultSpec {
  kind: FaultKind
  /** apply to the next N matching requests (imageCutOnce: always 1) */
  times?: number
  /** apply for this long on the sim clock from now; with neither times nor forMs: until cleared */
  forMs?: number
  /** only requests for this task (API: body taskId; images: the URL's task) */
  taskId?: string
  /** images only: only this image index */
  index?: number
  /** API only: only this API name, e.g. '/ai/virtual/model/generation/query' */
  apiPath?: string
  /** submit only: only the input whose image bytes have this sha256 (hex) */
  input?: string
  /** slowBody, stallHeaders, imageStall: real-time ms (default: stallHeaders/imageStall forever, slowBody 1000) */
  delayMs?: number
  /** business: the resCode (700, 801, 1000, 1001, 1002...) */
  resCode?: number
  /** http429: Retry-After seconds (default 1) */
  retryAfterSec?: number
  /** gatewayCallLimit: the gateway code (default 'ApiCallLimit'; e.g. 'AppCallLimit') */
  gatewayCode?: string
  /** image5xx: HTTP status (default 503); imageRedirect: 301/302/303/307/308 (default 302) */
  status?: number
  /** imageHuge, imageHugeLength, imageHtml: body length in bytes */
  bytes?: number
  /** imageRedirect: the Location header, sent as given */
  location?: string
  /** imageBody: the body, base64 */
  bodyBase64?: string
  /** notJson: 'html' (default) | 'garbage' | 'empty'; wrongShape: 'statusNumber' (default) | 'noSuccess' |
   * 'dataString' | 'taskResultObject' | 'arrayBody' */
  variant?: string
}

export type QuotaMode = 'ok' | 'exhausted' | 'trialOnly'

export interface SimulatorOptions {
  port?: number
  /** sim clock: lifecycles (afterMs, finishAt), URL expiry, timestamp skew, fault durations, log times */
  now?: () => number
  accessKeyName?: string
  secret?: string
  /** max |timestamp - sim clock| (default 15 min); Infinity disables the check */
  maxSkewMs?: number
  quota?: QuotaMode
  /** create unknown task ids deterministically from a hash of the id (default false) */
  autoTasks?: boolean
  /** admitted calls per sliding second (real time, or the sim clock with qpsClock 'sim'); beyond it: see qpsLimitAnswer */
  qpsLimit?: number
  /** the clock qpsLimit's window counts on: 'real' (performance.now, default) or 'sim' (`now`, for virtual time) */
  qpsClock?: 'real' | 'sim'
  /** every gateway answer is sent this long after its request arrived (default 0) */
  answerLatencyMs?: number
  /**
   * how an answer is held answerLatencyMs (default: real timers). A benchmark on virtual time passes its clock's
   * setTimeout, and counts heldAnswers() as calls that wait for that clock, not for the network.
   */
  holdAnswer?: (ms: number, fn: () => void) => void
  /** emulate a far object store: time to first byte, per-connection and line rate caps, stalls (see farStore.ts) */
  farStore?: FarStoreSpec
  /** default 'business501' */
  qpsLimitAnswer?: 'business501' | 'gatewayApiCallLimit'
  /** result URL lifetime (default 1 hour) */
  urlTtlMs?: number
  /** balance answered by /ai/query/balance; decremented per non-trial query answered (default 1000) */
  balance?: number
  /** submit calls admitted per sliding second (real time); beyond it: business 501 (default: no limit) */
  submitQpsLimit?: number
  /** where a submit's answer puts the new id: data.result.taskId ('result', default) or data.taskId ('flat') */
  submitAnswer?: 'result' | 'flat'
  /** balance of the submit API answered by /ai/query/balance; each created task spends its count (default 1000) */
  submitBalance?: number
  /** bound of stats().log (default 2000) */
  logLimit?: number
  tasks?: TaskSpec[]
  /** serve the /__sim/ control API (default true) */
  controlApi?: boolean
}

export interface LogEntry {
  /** sim clock */
  at: number
  /** API name for API calls (e.g. /ai/virtual/model/generation/query), the URL path for images */
  path: string
  taskId?: string
  /** 'ok', 'gateway:<code>', 'business:<resCode>', 'fault:<kind>', 'http:<status>' */
  outcome: string
  trial: boolean
  status?: string
  requestId?: string
}

export interface SimStats {
  /** /rest calls of any outcome */
  calls: number
  queryCalls: number
  /** query calls per body taskId, any outcome */
  callsByTask: Record<string, number>
  /** most /rest calls that arrived within any 1 s window of REAL time (performance.now) */
  peakQps: number
  /** most /rest calls open at once */
  maxInFlight: number
  /** most image requests open at once */
  imageMaxInFlight: number
  gatewayErrors: number
  businessErrors: number
  imageRequests: number
  imageBytesSent: number
  /** TCP connections accepted (of any kind): with keep-alive far fewer than requests */
  connections: number
  /** submit calls of any outcome */
  submitCalls: number
  /** tasks created by submits */
  tasksCreated: number
  /** tasks created per input: the sha256 (hex) of the image bytes -> how many */
  createdByInput: Record<string, number>
  log: LogEntry[]
}

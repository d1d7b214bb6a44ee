// The submit domain every room shares: the vendor's documented parameter choices and input limits (see
// docs/aidge-submit.md), the parameters a user picks, and the journal's records as the CLI and the UI see them.
import type { AidgeErrorInfo } from './aidge'

/** `model` values of the vendor's samples. */
export const SUBMIT_MODELS = ['WHITE', 'BLACK', 'YELLOW', 'BROWN'] as const
/** `gender`; the vendor guesses it when absent. */
export const SUBMIT_GENDERS = ['FEMALE', 'MALE'] as const

/** The input photo limits of the submit API. Sides are strict: larger than 512 and smaller than 3000 pixels. */
export const INPUT_LIMITS = {
  maxBytes: 4 * 1024 * 1024,
  minSideExclusive: 512,
  maxSideExclusive: 3000,
  formats: ['jpeg', 'png', 'bmp', 'webp'] as const
}
export type InputFormat = (typeof INPUT_LIMITS.formats)[number]

/** No published maximum; a bound so a slip of the keyboard cannot order thousands of images. */
export const MAX_IMAGES_PER_PHOTO = 10

/** What a user picks for a photo. Only the sample's values are published for age, bgStyle and dimension, so
 * those are free text with the sample's value as default. */
export interface SubmitParams {
  model: string
  /** null: let the vendor guess */
  gender: string | null
  age: string
  bgStyle: string
  dimension: string
  /** images to generate (and pay for) */
  count: number
  /** maskKeepBg: keep the photo's own background */
  keepBackground: boolean
}

/** The official samples' values; keepBackground is off because the CLI turns it on with a flag. */
export const DEFAULT_SUBMIT_PARAMS: SubmitParams = {
  model: 'WHITE',
  gender: 'FEMALE',
  age: 'YOUTH',
  bgStyle: 'room',
  dimension: '768',
  count: 2,
  keepBackground: false
}

const FREE_TEXT = /^[\w .-]{1,64}$/

/** The first thing wrong with a parameter set, naming the field, or null. */
export function submitParamsProblem(p: SubmitParams): string | null {
  if (!(SUBMIT_MODELS as readonly string[]).includes(p.model)) return `model must be one of ${SUBMIT_MODELS.join(', ')}, not ${JSON.stringify(p.model)}`
  if (p.gender !== null && !(SUBMIT_GENDERS as readonly string[]).includes(p.gender)) return `gender must be ${SUBMIT_GENDERS.join(' or ')}, not ${JSON.stringify(p.gender)}`
  for (const field of ['age', 'bgStyle', 'dimension'] as const) {
    if (!FREE_TEXT.test(p[field])) return `${field} must be 1 to 64 letters, digits, spaces, dots or dashes, not ${JSON.stringify(p[field])}`
  }
  if (!/^\d{2,4}$/.test(p.dimension)) return `dimension must be a number of pixels, not ${JSON.stringify(p.dimension)}`
  if (!Number.isInteger(p.count) || p.count < 1 || p.count > MAX_IMAGES_PER_PHOTO) return `count must be a whole number from 1 to ${MAX_IMAGES_PER_PHOTO}, not ${p.count}`
  return null
}

/** The one canonical text of a parameter set: part of the idempotency key, so key order must never matter. */
export function canonicalParams(p: SubmitParams): string {
  return JSON.stringify([p.model, p.gender, p.age, p.bgStyle, p.dimension, p.count, p.keepBackground])
}

export type SubmissionState = 'pending' | 'submitted' | 'rejected' | 'unknown' | 'skipped'

/** Why a photo was not sent again (skipped). */
export type SkipReason = 'already-submitted' | 'still-unknown' | 'in-progress'

/** A local problem found before any paid call: `code` and its parameters in `data` (the window words them,
 * src/renderer/src/lib/errorText.ts), `message` in English for the CLI and the log. */
export interface InputProblem {
  code: 'UNREADABLE' | 'WRONG_TYPE' | 'FILE_TOO_BIG' | 'TOO_SMALL' | 'TOO_LARGE' | 'CANNOT_FIT' | 'BAD_URL' | 'BAD_PARAMS' | 'NOT_SENT'
  /** UNREADABLE {path, reason: ENOENT|EISDIR|EACCES|other, detail}; WRONG_TYPE {reason: damaged|notImage|otherType,
   * format}; FILE_TOO_BIG {bytes, reason: photo|read}; TOO_SMALL, TOO_LARGE, CANNOT_FIT {width, height, min, max};
   * BAD_URL {url, reason: NOT_A_URL|NOT_HTTP|TOO_LONG}; BAD_PARAMS {reason: stored} (absent in older records) */
  data?: Readonly<Record<string, string | number>>
  message: string
  /** the fit option would bring the photo into the limits */
  fitWouldHelp?: boolean
}

/** One row of the submission journal. */
export interface SubmissionRecord {
  id: number
  batchId: string
  /** absolute path or the URL */
  input: string
  inputKind: 'file' | 'url'
  /** sha256 (hex) of the file's bytes, or of the URL text; null until the input was read */
  sha256: string | null
  params: SubmitParams
  fit: boolean
  again: boolean
  state: SubmissionState
  /** a call was on its way (the row is written before the call); null when no call is open */
  sendingSince: number | null
  attempts: number
  taskId: string | null
  requestId: string | null
  /** rejected / unknown: the error; skipped: null (see skipReason) */
  error: (AidgeErrorInfo | InputProblem) | null
  skipReason: SkipReason | null
  /** the photo was downscaled or re-encoded into the limits before sending */
  fitted: boolean
  createdAt: number
  updatedAt: number
}

/** A photo as the "New tasks" view shows it before submitting: its local check and a thumbnail. */
export interface PhotoView {
  /** absolute path (from main's own dialog, or main's copy of a dropped file) or the URL */
  input: string
  inputKind: 'file' | 'url'
  name: string
  /** a data: URL of a small JPEG, or null (URLs, BMP) */
  thumbnail: string | null
  bytes: number | null
  width: number | null
  height: number | null
  /** null: fine as it is */
  problem: InputProblem | null
}

/** What "tasks:get" adds for a task created from a photo here: the photo and its parameters. */
export interface TaskInputView {
  input: string
  params: SubmitParams
  fitted: boolean
  submittedAt: number
  thumbnail: string | null
}

export interface BalanceView {
  apiPath: string
  balance: number
  /** when the vendor answered, ms */
  checkedAt: number
  requestId: string | null
}

/**
 * The submit API, /ai/virtual/model/generation/batch, as the vendor documents it (see docs/aidge-submit.md):
 * a flat JSON body whose values are strings (numbers and booleans are accepted too, as a vendor Java library
 * sends them). Checks, in order, each answered with business 700 and a resMessage that names the field:
 *   body not an object; neither imageUrl nor imageBase64; imageStyle not realPhoto; model not WHITE/BLACK/YELLOW/
 *   BROWN; gender (when given) not FEMALE/MALE; count not a whole number 1..10; dimension not digits;
 *   age/bgStyle empty; maskKeepBg not true/false; imageBase64 not Base64; the image over 4 MB, not JPEG/PNG/BMP/
 *   WEBP, or not larger than 512x512 and smaller than 3000x3000 pixels.
 * imageBase64 wins when both are given. An imageUrl is "downloaded" only from the simulator's own /files/ (no
 * connection anywhere): any other URL, or a missing file, is business 701.
 * Success creates a task with `count` images (dimension x dimension) that runs the default lifecycle, spends
 * `count` of the submit balance (non-trial calls; too little left is the gateway's NoResource), counts one
 * creation under the sha256 of the image bytes (stats().createdByInput) and answers the id at data.result.taskId
 * (documentation, Go sample) or data.taskId (Python and Java samples): config submitAnswer.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { ImageInfo } from './imageInfo'
import { imageInfo } from './imageInfo'
import type { TaskStore } from './tasks'

export const SUBMIT_API = '/ai/virtual/model/generation/batch'
export const MODELS = ['WHITE', 'BLACK', 'YELLOW', 'BROWN'] as const
export const MAX_INPUT_BYTES = 4 * 1024 * 1024
export const MAX_COUNT = 10

export type SubmitAnswerForm = 'result' | 'flat'

export interface SubmitState {
  submitAnswer: SubmitAnswerForm
  /** balance of the submit API: spent per generated image */
  submitBalance: number
}

export type SubmitOutcome =
  | { kind: 'created'; taskId: string; data: Record<string, unknown>; inputKey: string }
  | { kind: 'business'; resCode: number; resMessage: string }
  | { kind: 'noBalance' }

/** The image a submit names: its bytes and the key creations are counted under, or why there is none. */
export type ResolvedInput = { bytes: Buffer; key: string; field: 'imageBase64' | 'imageUrl' } | { problem: { resCode: number; resMessage: string } }

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

export function inputKeyOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The input's bytes, from imageBase64 (which wins) or from an imageUrl the simulator itself hosts. */
export function resolveInput(body: Record<string, unknown>, hosted: (url: string) => Buffer | undefined): ResolvedInput {
  const b64 = str(body.imageBase64)?.replace(/\s+/g, '') ?? ''
  const url = str(body.imageUrl) ?? ''
  if (b64 !== '') {
    // A data: URL prefix is tolerated, as the vendor's samples strip it but users often do not.
    const payload = b64.replace(/^data:image\/[a-z]+;base64,/i, '')
    if (!BASE64.test(payload) || payload.length % 4 === 1) return { problem: { resCode: 700, resMessage: 'invalid input: imageBase64 is not valid Base64' } }
    const bytes = Buffer.from(payload, 'base64')
    return { bytes, key: inputKeyOf(bytes), field: 'imageBase64' }
  }
  if (url === '') return { problem: { resCode: 700, resMessage: 'invalid input: imageUrl or imageBase64 is required' } }
  const bytes = hosted(url)
  if (!bytes) return { problem: { resCode: 701, resMessage: `image download failed: the imageUrl could not be downloaded` } }
  return { bytes, key: inputKeyOf(bytes), field: 'imageUrl' }
}

function bad(field: string, why: string): SubmitOutcome {
  return { kind: 'business', resCode: 700, resMessage: `invalid input: ${field} ${why}` }
}

function checkImage(info: ImageInfo | null, size: number, field: string): SubmitOutcome | null {
  if (size > MAX_INPUT_BYTES) return bad(field, `is ${size} bytes; the image must be at most 4 MB`)
  if (!info) return bad(field, 'is not a JPEG, PNG, BMP or WEBP image')
  if (info.width <= 512 || info.height <= 512) return bad(field, `is ${info.width}x${info.height}; the image must be larger than 512x512 pixels`)
  if (info.width >= 3000 || info.height >= 3000) return bad(field, `is ${info.width}x${info.height}; the image must be smaller than 3000x3000 pixels`)
  return null
}

/** Checks one submit body and, when it passes, creates its task. */
export function answerSubmit(
  state: SubmitState,
  tasks: TaskStore,
  body: Record<string, unknown> | undefined,
  input: ResolvedInput | undefined,
  trial: boolean
): SubmitOutcome {
  if (!body || !input) return bad('body', 'is not a JSON object')
  if ('problem' in input) return { kind: 'business', ...input.problem }
  if (str(body.imageStyle) !== 'realPhoto') return bad('imageStyle', 'must be realPhoto')
  const model = str(body.model)
  if (!model || !(MODELS as readonly string[]).includes(model)) return bad('model', `must be one of ${MODELS.join(', ')}`)
  const gender = str(body.gender)
  if (gender !== undefined && gender !== '' && gender !== 'FEMALE' && gender !== 'MALE') return bad('gender', 'must be FEMALE or MALE')
  const countText = str(body.count) ?? '1'
  const count = /^\d{1,3}$/.test(countText) ? Number(countText) : NaN
  if (!(count >= 1 && count <= MAX_COUNT)) return bad('count', `must be a whole number from 1 to ${MAX_COUNT}`)
  const dimensionText = str(body.dimension) ?? '768'
  if (!/^\d{2,4}$/.test(dimensionText)) return bad('dimension', 'must be a number of pixels')
  for (const field of ['age', 'bgStyle'] as const) {
    if (body[field] !== undefined && (str(body[field]) ?? '').trim() === '') return bad(field, 'must not be empty')
  }
  const keep = str(body.maskKeepBg)
  if (keep !== undefined && keep !== 'true' && keep !== 'false') return bad('maskKeepBg', 'must be true or false')
  const problem = checkImage(imageInfo(input.bytes), input.bytes.length, input.field)
  if (problem) return problem
  if (!trial && state.submitBalance < count) return { kind: 'noBalance' }

  const side = Math.min(Number(dimensionText), 1024)
  const task = tasks.add({ id: randomUUID(), images: Array.from({ length: count }, () => ({ width: side, height: side })) })
  if (!trial) state.submitBalance -= count
  const data = state.submitAnswer === 'flat' ? { taskId: task.id } : { result: { taskId: task.id } }
  return { kind: 'created', taskId: task.id, data, inputKey: input.key }
}

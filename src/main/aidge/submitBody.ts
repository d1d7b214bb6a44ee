// The submit API's body and answer in one small place (docs/aidge-submit.md). The official Python, Go and Java
// samples send a flat body whose values are all strings; one version of the documentation wraps the fields in a
// `requestParams` array and names models universal_model_1..4. The samples are followed; if the vendor settles
// on the other form, this file is the one to change.
import type { SubmitParams } from '../../shared/submit'
import { AidgeError } from './errors'
import { requestIdOf } from './parse'

export const SUBMIT_API = '/ai/virtual/model/generation/batch'

/** The photo: Base64 of its bytes, or a URL the vendor downloads (Base64 wins when both are given). */
export type SubmitImage = { base64: string } | { url: string }

export function buildSubmitBody(params: SubmitParams, image: SubmitImage): Record<string, string> {
  const body: Record<string, string> = {
    imageUrl: 'url' in image ? image.url : '',
    imageBase64: 'base64' in image ? image.base64 : '',
    imageStyle: 'realPhoto',
    model: params.model,
    age: params.age,
    bgStyle: params.bgStyle,
    dimension: params.dimension,
    count: String(params.count),
    maskKeepBg: params.keepBackground ? 'true' : 'false'
  }
  // Absent, the vendor guesses the gender from the garment.
  if (params.gender !== null) body.gender = params.gender
  return body
}

export interface SubmitResult {
  taskId: string
  requestId: string | null
  raw: unknown
}

/** The new id sits at data.result.taskId (documentation, Go sample) or data.taskId (Python and Java samples). */
export function parseSubmitBody(body: unknown): SubmitResult {
  const requestId = requestIdOf(body)
  const data = (body as { data?: unknown }).data as { taskId?: unknown; result?: { taskId?: unknown } } | undefined
  const id = data?.result?.taskId ?? data?.taskId
  if (typeof id !== 'string' || id.trim() === '') {
    throw new AidgeError({
      kind: 'malformed',
      code: 'BAD_SHAPE',
      message: 'The submit answer reports success but carries no task id at data.result.taskId or data.taskId.',
      retryable: false,
      ...(requestId ? { requestId } : {})
    })
  }
  return { taskId: id.trim(), requestId, raw: body }
}

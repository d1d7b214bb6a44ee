// The flags of `submit` and `balance`, kept apart from args.ts: their option table, their checks, their usage.
import { DEFAULT_SUBMIT_PARAMS, SUBMIT_GENDERS, SUBMIT_MODELS, submitParamsProblem, type SubmitParams } from '../shared/submit'
import { UsageError } from './args'

export const SUBMIT_USAGE = `  aidge-tasks submit <image file | image URL...> [--model M] [--gender G] [--age A] [--bg B] [--count N]
                     [--dimension D] [--keep-background] [--fit] [--again] [--watch] [--download DIR]
                                                  create tasks from garment photos (paid: never sent twice)
  aidge-tasks balance [--api PATH]                the vendor's remaining balance (default: the submit API)`

export const SUBMIT_HELP = `submit: --model ${SUBMIT_MODELS.join('|')} (default ${DEFAULT_SUBMIT_PARAMS.model}), --gender ${SUBMIT_GENDERS.join('|')}|auto
        (default ${DEFAULT_SUBMIT_PARAMS.gender}), --age (default ${DEFAULT_SUBMIT_PARAMS.age}), --bg (default ${DEFAULT_SUBMIT_PARAMS.bgStyle}), --dimension (default ${DEFAULT_SUBMIT_PARAMS.dimension}),
        --count images per photo (default ${DEFAULT_SUBMIT_PARAMS.count}); --fit downscales/re-encodes a photo into the limits
        (the file is untouched); --again sends a photo already submitted with the same parameters.
        Inputs may come on stdin, one path or URL a line. With no input, an interrupted submit is resumed.
        exit 1 when a photo is rejected or its outcome unknown, or a task fails.`

/** parseArgs option table entries of submit and balance. */
export const SUBMIT_OPTIONS = {
  model: { type: 'string' },
  gender: { type: 'string' },
  age: { type: 'string' },
  bg: { type: 'string' },
  count: { type: 'string' },
  dimension: { type: 'string' },
  'keep-background': { type: 'boolean' },
  fit: { type: 'boolean' },
  again: { type: 'boolean' },
  watch: { type: 'boolean' },
  api: { type: 'string' }
} as const

export interface SubmitCliArgs {
  params: SubmitParams
  fit: boolean
  again: boolean
  watch: boolean
  api?: string
}

type Values = { [K in keyof typeof SUBMIT_OPTIONS]?: (typeof SUBMIT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

/** Reads and checks the submit flags; any of them on another command is a usage error. */
export function submitArgsFrom(command: string, v: Values): SubmitCliArgs | undefined {
  const given = (Object.keys(SUBMIT_OPTIONS) as Array<keyof Values>).filter((k) => v[k] !== undefined)
  const allowed = command === 'submit' ? given.filter((k) => k !== 'api') : command === 'balance' ? given.filter((k) => k === 'api') : given
  const stray = given.filter((k) => !allowed.includes(k))
  if (command !== 'submit' && command !== 'balance') {
    if (given.length > 0) throw new UsageError(`--${given[0]} goes with submit${given[0] === 'api' ? ' or balance' : ''}`)
    return undefined
  }
  if (stray.length > 0) throw new UsageError(`--${stray[0]} does not go with ${command}`)
  const count = v.count === undefined ? DEFAULT_SUBMIT_PARAMS.count : Number(v.count)
  const gender = v.gender === undefined ? DEFAULT_SUBMIT_PARAMS.gender : v.gender.toLowerCase() === 'auto' ? null : v.gender.toUpperCase()
  const params: SubmitParams = {
    model: v.model?.toUpperCase() ?? DEFAULT_SUBMIT_PARAMS.model,
    gender,
    age: v.age ?? DEFAULT_SUBMIT_PARAMS.age,
    bgStyle: v.bg ?? DEFAULT_SUBMIT_PARAMS.bgStyle,
    dimension: v.dimension ?? DEFAULT_SUBMIT_PARAMS.dimension,
    count,
    keepBackground: v['keep-background'] === true
  }
  const problem = submitParamsProblem(params)
  if (problem) throw new UsageError(`--${problem.replace(/^bgStyle/, 'bg')}`)
  const out: SubmitCliArgs = { params, fit: v.fit === true, again: v.again === true, watch: v.watch === true }
  if (v.api !== undefined) {
    if (!/^\/[\w/.-]{1,200}$/.test(v.api)) throw new UsageError(`--api must be an API path such as /ai/virtual/model/generation/batch`)
    out.api = v.api
  }
  return out
}

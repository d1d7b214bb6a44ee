// Deterministic data for the benchmarks: the same seed gives the same history, so runs compare like with like.

/** A deterministic pseudo-random source (mulberry32), the one the tracking tests use. */
export { seededRandom as rng } from '../test/tracking/driver'

export const FAILED_MESSAGES = [
  'content has sensitive data and cannot be handled; try other input',
  'model failed: internal call exception',
  'invalid input: the image is smaller than 256x256',
  'content risk filter failed'
]

export function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

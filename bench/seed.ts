// Deterministic data for the benchmarks: the same seed gives the same history, so runs compare like with like.

export const FAILED_MESSAGES = [
  'content has sensitive data and cannot be handled; try other input',
  'model failed: internal call exception',
  'invalid input: the image is smaller than 256x256',
  'content risk filter failed'
]

/** A deterministic pseudo-random source (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

// A hostile page can send anything the IPC layer can carry: a million-element array, a deeply nested object, a
// cycle (structured clone keeps them). Before a schema walks such a thing, one cheap bounded pass measures it and
// stops at the first limit crossed, so the cost of refusing is bounded by the limits, not by the payload.

export interface PayloadLimits {
  /** characters in all strings and keys together */
  chars: number
  /** values of any kind (each string, number, array, object...) */
  values: number
  /** nesting of arrays and objects */
  depth: number
}

/** Twice the largest legitimate requests (a 2,000,000-character paste; 10,000 task ids; a settings patch three deep),
 * so whatever is merely too long still gets the schema's message naming the field. */
export const PAYLOAD_LIMITS: PayloadLimits = { chars: 4_200_000, values: 25_000, depth: 8 }

/** Most task ids one request may name (add, remove, download): the renderer sends larger sets in parts. */
export const MAX_IDS_PER_REQUEST = 10_000

/** What makes a payload too large to look at, or null. Never follows more than `limits.values` values. */
export function payloadTooLarge(payload: unknown, limits: PayloadLimits = PAYLOAD_LIMITS): string | null {
  let chars = 0
  let values = 0
  const stack: Array<[unknown, number]> = [[payload, 0]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    if (++values > limits.values) return `more than ${limits.values} values`
    if (typeof value === 'string') {
      chars += value.length
      if (chars > limits.chars) return `more than ${limits.chars} characters`
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= limits.depth) return `nested more than ${limits.depth} deep`
    if (Array.isArray(value)) {
      if (values + value.length > limits.values) return `more than ${limits.values} values`
      for (const item of value) stack.push([item, depth + 1])
      continue
    }
    for (const key of Object.keys(value)) {
      chars += key.length
      if (chars > limits.chars) return `more than ${limits.chars} characters`
      stack.push([(value as Record<string, unknown>)[key], depth + 1])
      if (stack.length > limits.values) return `more than ${limits.values} values`
    }
  }
  return null
}

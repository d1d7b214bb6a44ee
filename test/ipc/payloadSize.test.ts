// The bounded measure taken of every payload before its schema (issue 11, item 10): it stops at the first limit,
// so a cycle or a huge array costs no more than the limits.
import { describe, expect, it } from 'vitest'
import { PAYLOAD_LIMITS, payloadTooLarge } from '../../src/main/handlers/payloadSize'

describe('payloadTooLarge', () => {
  it('passes the largest legitimate requests', () => {
    expect(payloadTooLarge([{ text: 'x'.repeat(2_000_000) }])).toBeNull()
    expect(payloadTooLarge([{ taskIds: Array.from({ length: 10_000 }, (_, i) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`) }])).toBeNull()
    expect(payloadTooLarge([{ polling: { maxQps: 5 }, downloads: { folder: '/x', filenameTemplate: '{taskId}' } }])).toBeNull()
    expect(payloadTooLarge([])).toBeNull()
  })

  it('names what is too large: values, characters, depth', () => {
    expect(payloadTooLarge([Array.from({ length: 30_000 }, () => 1)])).toMatch(/values/)
    expect(payloadTooLarge([{ a: 'x'.repeat(3_000_000), b: 'y'.repeat(3_000_000) }])).toMatch(/characters/)
    expect(payloadTooLarge([{ ['k'.repeat(5_000_000)]: 1 }])).toMatch(/characters/)
    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    expect(payloadTooLarge(deep)).toMatch(/nested/)
  })

  it('stops on a cycle (structured clone carries them) within the value limit', () => {
    const a: Record<string, unknown> = {}
    a['self'] = a
    a['list'] = [a, a]
    expect(payloadTooLarge([a], { ...PAYLOAD_LIMITS, depth: 1_000_000 })).toMatch(/values/)
    expect(payloadTooLarge([a])).toMatch(/nested|values/)
  })
})

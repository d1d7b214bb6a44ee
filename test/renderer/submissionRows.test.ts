// The "New tasks" view holds journal rows that arrive both as events and in call answers. A fast submit is
// answered (and its `submission:updated` event delivered) before the page receives submit:start's answer, whose
// rows are the batch as first written: merging that answer must not turn a submitted row back into "Waiting"
// (seen once in CI: fine.jpg stayed Waiting while the vendor had created its task).
import { describe, expect, it } from 'vitest'
import { DEFAULT_SUBMIT_PARAMS, type SubmissionRecord } from '../../src/shared/submit'
import { mergeSubmissionRows } from '../../src/renderer/src/lib/submissionRows'

const row = (id: number, patch: Partial<SubmissionRecord>): SubmissionRecord => ({
  id,
  batchId: 'b1',
  input: `/photos/${id}.jpg`,
  inputKind: 'file',
  sha256: null,
  params: DEFAULT_SUBMIT_PARAMS,
  fit: false,
  again: false,
  state: 'pending',
  sendingSince: null,
  attempts: 0,
  taskId: null,
  requestId: null,
  error: null,
  skipReason: null,
  fitted: false,
  createdAt: 1000,
  updatedAt: 1000,
  ...patch
})

describe('mergeSubmissionRows', () => {
  it('keeps a row an event already moved on when the call answer carries its first state', () => {
    const submitted = row(1, { state: 'submitted', taskId: 't-1', updatedAt: 1040 })
    const held = new Map([[1, submitted]])
    const merged = mergeSubmissionRows(held, [row(1, {}), row(2, {})])
    expect(merged.get(1)).toBe(submitted)
    expect(merged.get(2)?.state).toBe('pending')
    expect(held.size).toBe(1) // the map held by the store is not changed in place
  })

  it('keeps the held row on a tie (an event is never older than the snapshot of the same moment)', () => {
    const sending = row(1, { sendingSince: 1000, attempts: 1 })
    expect(mergeSubmissionRows(new Map([[1, sending]]), [row(1, {})]).get(1)).toBe(sending)
  })

  it('takes a newer row from a list (rows that changed while the view was closed)', () => {
    const later = row(1, { state: 'unknown', updatedAt: 5000 })
    expect(mergeSubmissionRows(new Map([[1, row(1, {})]]), [later]).get(1)).toBe(later)
  })
})

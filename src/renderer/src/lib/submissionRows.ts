// Journal rows reach the page two ways: in the answer to a call (submit:start, submit:list) and as
// `submission:updated` events. An event can arrive before the answer of the call that started the batch (a fast
// submit is answered while the page still waits for submit:start), so an answer must not put back an older state.
import type { SubmissionRecord } from '../../../shared/submit'

/**
 * The rows with `incoming` merged in: a row replaces the one held only when it is newer (a later `updatedAt`); on a
 * tie the row held stays, since an event is never older than a snapshot taken when the call was made.
 */
export function mergeSubmissionRows(held: ReadonlyMap<number, SubmissionRecord>, incoming: readonly SubmissionRecord[]): Map<number, SubmissionRecord> {
  const out = new Map(held)
  for (const row of incoming) {
    const have = out.get(row.id)
    if (!have || row.updatedAt > have.updatedAt) out.set(row.id, row)
  }
  return out
}

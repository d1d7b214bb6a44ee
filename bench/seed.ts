// Deterministic data for the benchmarks: the same seed gives the same history, so runs compare like with like.
import type { TaskImage } from '../src/shared/aidge'
import type { HistoryStore } from '../src/main/history'

import { seededRandom as rng } from '../test/tracking/driver'

/** A deterministic pseudo-random source (mulberry32), the one the tracking tests use. */
export { rng }

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

// ---------------------------------------------------------------------------------------------------------------
// The history: every task terminal (finished or failed), so the scheduler has nothing to poll and no simulator is
// needed; the list looks like a real one (messages on failures, 2-4 images, some downloaded).

/** Writes `count` tasks through the store's API, 10,000 per transaction; one a minute, the newest a minute ago.
 * With `maxImages`, the tasks stop there: the last one seeded may have fewer images than drawn. */
export function seedHistory(store: HistoryStore, count: number, maxImages = Infinity): { oldest: string; newest: string; images: number; tasks: number } {
  const random = rng(7)
  const end = Date.now() - 60_000
  let oldest = ''
  let newest = ''
  let imagesSeeded = 0
  let tasksSeeded = 0
  for (let from = 0; from < count && imagesSeeded < maxImages; from += 10_000) {
    store.batch(() => {
      for (let i = from; i < Math.min(count, from + 10_000) && imagesSeeded < maxImages; i++) {
        const id = uuid(random)
        if (i === 0) oldest = id
        newest = id
        const at = end - (count - 1 - i) * 60_000
        store.addTasks([id], at)
        const failed = random() < 0.18
        const images: TaskImage[] = failed
          ? []
          : Array.from({ length: Math.min(maxImages - imagesSeeded, 2 + Math.floor(random() * 3)) }, (_, k) => ({
              url: `https://ai-business-algo-pai.oss-ap-southeast-1.aliyuncs.com/sd%2F${id.replaceAll('-', '')}_${k}.png?Expires=${Math.floor(at / 1000) + 2_592_000}&Signature=bench${i}`,
              width: 768,
              height: 1024
            }))
        imagesSeeded += images.length
        tasksSeeded++
        const status = failed ? 'failed' : 'finished'
        const message = failed ? (FAILED_MESSAGES[Math.floor(random() * FAILED_MESSAGES.length)] as string) : null
        const requestId = `bench${i.toString(16).padStart(12, '0')}`
        const raw = { data: { taskResult: images, taskStatus: status, taskId: id, ...(message ? { taskMessage: message } : {}) }, requestId, success: true, code: '0' }
        const doneAt = at + 40_000 + Math.floor(random() * 120_000)
        store.recordQuery(id, { status, message, images, requestId, raw }, doneAt)
        const dl = random()
        const downloaded = dl < 0.5 ? images.length : dl < 0.55 ? 1 : 0
        for (let k = 0; k < downloaded; k++) store.setImageDownload(id, k, { state: 'done', localPath: `/dl/${id}_${k}.png`, bytes: 800_000 }, doneAt + 5000)
      }
    })
  }
  return { oldest, newest, images: imagesSeeded, tasks: tasksSeeded }
}


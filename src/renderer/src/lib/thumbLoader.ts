// Thumbnails fetched and decoded a few at a time: a tile asks, waits its turn, and gives its place up when it is
// scrolled away. The newest asks go first (what is on screen now beats what was on screen a moment ago), and an
// image being fetched when its tile goes has its request aborted, so a fast scroll to the bottom leaves no queue
// of images nobody sees. DOM-free (the fetch-and-decode is passed in), unit-tested in vitest.
// DOMException is global in browsers and in Node 17+.

export interface ThumbLoaderStats {
  /** fetching or decoding now */
  inFlight: number
  /** waiting for a place */
  queued: number
  /** most in flight at once so far */
  maxInFlight: number
  started: number
  /** given up: scrolled away while waiting or loading */
  cancelled: number
  failed: number
}

export interface ThumbLoader<T> {
  /** The loaded image, or a rejection (AbortError when cancelled through the signal). */
  load(source: () => Promise<string>, signal: AbortSignal): Promise<T>
  stats(): ThumbLoaderStats
}

/** Fetches and decodes one image; aborting the signal must abort the fetch (the DOM's is decodeImage). */
export type FetchImage<T> = (url: string, signal: AbortSignal) => Promise<T>

interface Job<T> {
  source: () => Promise<string>
  signal: AbortSignal
  resolve(img: T): void
  reject(e: unknown): void
}

const aborted = (): DOMException => new DOMException('The thumbnail is no longer wanted', 'AbortError')

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(aborted())
    else signal.addEventListener('abort', () => reject(aborted()), { once: true })
  })
}

export function createThumbLoader<T>(fetchImage: FetchImage<T>, concurrency = 4): ThumbLoader<T> {
  const queue: Array<Job<T>> = []
  const s: ThumbLoaderStats = { inFlight: 0, queued: 0, maxInFlight: 0, started: 0, cancelled: 0, failed: 0 }

  const pump = (): void => {
    while (s.inFlight < concurrency && queue.length > 0) {
      const job = queue.pop() as Job<T>
      s.queued = queue.length
      void run(job)
    }
  }

  const run = async (job: Job<T>): Promise<void> => {
    s.inFlight++
    s.started++
    s.maxInFlight = Math.max(s.maxInFlight, s.inFlight)
    try {
      const url = await job.source()
      if (job.signal.aborted) throw aborted()
      // the place is given back when the tile goes, whether or not the fetch ever settles after its abort
      const img = await Promise.race([fetchImage(url, job.signal), whenAborted(job.signal)])
      if (job.signal.aborted) throw aborted()
      job.resolve(img)
    } catch (e) {
      if (job.signal.aborted) {
        s.cancelled++
        job.reject(aborted())
      } else {
        s.failed++
        job.reject(e)
      }
    } finally {
      s.inFlight--
      pump()
    }
  }

  return {
    load(source, signal) {
      return new Promise<T>((resolve, reject) => {
        if (signal.aborted) return reject(aborted())
        const job: Job<T> = { source, signal, resolve, reject }
        signal.addEventListener(
          'abort',
          () => {
            const i = queue.indexOf(job)
            if (i < 0) return
            queue.splice(i, 1)
            s.queued = queue.length
            s.cancelled++
            reject(aborted())
          },
          { once: true }
        )
        queue.push(job)
        s.queued = queue.length
        pump()
      })
    },
    stats: () => ({ ...s })
  }
}

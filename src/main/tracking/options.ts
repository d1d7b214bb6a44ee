// The poller's knobs and their defaults, apart from the poller itself.

export interface PollOptions {
  /** first interval after a change of status, ms */
  initialIntervalMs: number
  /**
   * 'likely' (default): each task's next poll comes when the chance it finished since its last poll (learnt from
   * the history's durations, see FinishEstimator) reaches chanceThreshold, within [minIntervalMs, maxIntervalMs];
   * with spare budget no task in its likely window waits more than spareIntervalMs; when more tasks are due than
   * the rate allows, the likeliest goes first. 'backoff': intervals start at initialIntervalMs after each change of
   * status and grow by backoffFactor up to maxIntervalMs.
   */
  schedule: 'likely' | 'backoff'
  /** 'likely': the shortest interval of one task, ms */
  minIntervalMs: number
  /** 'likely': the chance of a finish since the last poll that makes a task due */
  chanceThreshold: number
  /**
   * 'likely', with spare budget: the chance that makes a task due before spareIntervalMs is up, so the floor is
   * reached only where a finish is likelier than not (each poll near the floor is then a good bet)
   */
  spareChanceThreshold: number
  /** 'likely': the interval while the budget is spare and the task is in its likely window, ms */
  spareIntervalMs: number
  /** AIMD on the rate (see RateController); false keeps it at maxQps */
  adaptiveRate: boolean
  /** the rate's ceiling under AIMD, calls/s */
  maxQpsCeiling: number
  /** 'backoff': interval growth while nothing changes */
  backoffFactor: number
  /** ± fraction applied to every interval, so tasks added together spread out */
  jitter: number
  /** ceiling of the interval: no task waits longer between two polls (budget permitting), ms */
  maxIntervalMs: number
  /** ceiling of the retry delay after transient errors, ms */
  maxRetryDelayMs: number
  /**
   * query calls in any one-second window as the server counts them, across all tasks (see SlidingWindowLimiter);
   * with adaptiveRate, where the rate starts when nothing was remembered for this endpoint and key
   */
  maxQps: number
  /** query calls in flight at once */
  maxInFlight: number
  /** without a change of status for this long, a task becomes stale, ms */
  staleAfterMs: number
  /** retries of a retryable business error (e.g. 1001; not 500, which is transient) before the task ends with it */
  maxBusinessRetries: number
  /** first pause of all calls after a rate limit; doubles while limits repeat, ms */
  rateLimitPauseMs: number
  maxRateLimitPauseMs: number
  /** while the disk is full, how often the answers kept in memory are tried again, ms */
  diskRetryMs: number
}

export const DEFAULT_POLL_OPTIONS: PollOptions = {
  schedule: 'likely',
  minIntervalMs: 1_000,
  chanceThreshold: 0.15,
  spareChanceThreshold: 0.5,
  // 2.7 s plus a 300 ms answer keeps a finish seen within 3 s
  spareIntervalMs: 2_700,
  adaptiveRate: true,
  maxQpsCeiling: 20,
  initialIntervalMs: 2_000,
  backoffFactor: 1.5,
  jitter: 0.2,
  maxIntervalMs: 30_000,
  maxRetryDelayMs: 60_000,
  maxQps: 5,
  maxInFlight: 4,
  staleAfterMs: 30 * 60_000,
  maxBusinessRetries: 3,
  // the gateway counts calls per second: a pause of 1 s clears its window, and AIMD halves the rate besides
  rateLimitPauseMs: 1_000,
  maxRateLimitPauseMs: 5 * 60_000,
  diskRetryMs: 10_000
}


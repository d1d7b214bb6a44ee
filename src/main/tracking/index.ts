export { PollScheduler, DEFAULT_POLL_OPTIONS, type PollOptions, type QueryFn, type TrackingStore, type TrackingEvents } from './scheduler'
export { systemClock, ManualClock, type Clock } from './clock'
export { SlidingWindowLimiter } from './rateLimiter'
export { addAndTrack, type AddTasksResult } from './intake'

import { create } from 'zustand'
import type { TrackingStatus } from '../../../shared/tracking'
import { call, reportError } from '../api'
import { t } from '../i18n'

interface TrackingStore {
  status: TrackingStatus | null
  busy: boolean
  load(): Promise<void>
  set(status: TrackingStatus): void
  pause(): Promise<void>
  resume(): Promise<void>
}

export const useTracking = create<TrackingStore>()((set) => {
  const run = async (channel: 'tracking:pause' | 'tracking:resume'): Promise<void> => {
    set({ busy: true })
    try {
      set({ status: await call(channel) })
    } catch (e) {
      reportError(e, channel === 'tracking:pause' ? t('messages.couldNotPause') : t('messages.couldNotResume'))
    } finally {
      set({ busy: false })
    }
  }
  return {
    status: null,
    busy: false,
    async load() {
      try {
        set({ status: await call('tracking:status') })
      } catch (e) {
        reportError(e, t('messages.trackingStatus'))
      }
    },
    set: (status) => set({ status }),
    pause: () => run('tracking:pause'),
    resume: () => run('tracking:resume')
  }
})

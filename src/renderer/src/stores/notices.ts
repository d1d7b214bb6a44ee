// What main reported at start (codes and data): asked for once, shown until the user dismisses it.
import { create } from 'zustand'
import type { StartupNotice } from '../../../shared/notices'
import { call, hasBridge } from '../api'

interface NoticesState {
  notices: StartupNotice[]
  load(): Promise<void>
  dismiss(notice: StartupNotice): void
}

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  async load() {
    if (!hasBridge()) return
    try {
      set({ notices: await call('app:notices') })
    } catch {
      // nothing to tell is better than a second error at start
    }
  },
  dismiss(notice) {
    set((s) => ({ notices: s.notices.filter((n) => n !== notice) }))
  }
}))

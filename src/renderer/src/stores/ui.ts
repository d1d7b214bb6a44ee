// Dialogs and overlays that any part of the screen can open.
import { create } from 'zustand'
import { BROWSE_KEY, savedBrowse, type Browse } from '../lib/startupAsks'

export type DownloadScope = { kind: 'selection'; count: number } | { kind: 'finished' } | { kind: 'task'; taskId: string } | { kind: 'images'; count: number }

/** How the tasks view shows the history: rows of tasks, or a gallery of their images. */

interface UiState {
  downloadDialog: DownloadScope | null
  exportOpen: boolean
  clearOpen: boolean
  dropActive: boolean
  browse: Browse
  setBrowse(b: Browse): void
  toggleBrowse(): void
  openDownload(scope: DownloadScope): void
  closeDownload(): void
  setExportOpen(b: boolean): void
  setClearOpen(b: boolean): void
  setDropActive(b: boolean): void
}

// the list/gallery choice outlives a restart (savedBrowse: early.ts reads it too)
function saveBrowse(b: Browse): Browse {
  try {
    localStorage.setItem(BROWSE_KEY, b)
  } catch {
    // storage refused (private mode, quota): the choice lasts this session
  }
  return b
}

export const useUi = create<UiState>()((set) => ({
  downloadDialog: null,
  exportOpen: false,
  clearOpen: false,
  dropActive: false,
  browse: savedBrowse(),
  setBrowse: (browse) => set({ browse: saveBrowse(browse) }),
  toggleBrowse: () => set((s) => ({ browse: saveBrowse(s.browse === 'list' ? 'gallery' : 'list') })),
  openDownload: (downloadDialog) => set({ downloadDialog }),
  closeDownload: () => set({ downloadDialog: null }),
  setExportOpen: (exportOpen) => set({ exportOpen }),
  setClearOpen: (clearOpen) => set({ clearOpen }),
  setDropActive: (dropActive) => set({ dropActive })
}))

/** The search box registers its focus function here, for Ctrl/Cmd+F. */
export const searchFocus: { current: (() => void) | null } = { current: null }

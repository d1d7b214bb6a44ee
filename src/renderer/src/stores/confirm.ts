// One confirmation dialog for the whole app: confirm() resolves true when the person agrees.
import { create } from 'zustand'

export interface ConfirmRequest {
  title: string
  body: string
  confirmLabel: string
  danger?: boolean
}

interface ConfirmState {
  request: ConfirmRequest | null
  resolve: ((ok: boolean) => void) | null
  answer(ok: boolean): void
}

export const useConfirm = create<ConfirmState>()((set, get) => ({
  request: null,
  resolve: null,
  answer(ok) {
    const r = get().resolve
    set({ request: null, resolve: null })
    r?.(ok)
  }
}))

export function confirm(request: ConfirmRequest): Promise<boolean> {
  // a second request replaces the first, which counts as declined
  useConfirm.getState().resolve?.(false)
  return new Promise((resolve) => useConfirm.setState({ request, resolve }))
}

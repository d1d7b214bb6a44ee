import { create } from 'zustand'
import { setErrorReporter } from '../api'

export type ToastTone = 'info' | 'success' | 'error'

export interface Toast {
  id: number
  tone: ToastTone
  text: string
  action?: { label: string; run: () => void }
}

interface ToastState {
  toasts: Toast[]
  push(tone: ToastTone, text: string, action?: Toast['action']): number
  dismiss(id: number): void
}

let nextId = 1
const MAX = 4

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(tone, text, action) {
    const id = nextId++
    const toast: Toast = { id, tone, text, ...(action ? { action } : {}) }
    set({ toasts: [...get().toasts.filter((t) => t.text !== text), toast].slice(-MAX) })
    window.setTimeout(() => get().dismiss(id), tone === 'error' ? 12_000 : 6_000)
    return id
  },
  dismiss(id) {
    if (get().toasts.some((t) => t.id === id)) set({ toasts: get().toasts.filter((t) => t.id !== id) })
  }
}))

export const toast = {
  info: (text: string, action?: Toast['action']): number => useToasts.getState().push('info', text, action),
  success: (text: string, action?: Toast['action']): number => useToasts.getState().push('success', text, action),
  error: (text: string, action?: Toast['action']): number => useToasts.getState().push('error', text, action)
}

setErrorReporter((text) => toast.error(text))

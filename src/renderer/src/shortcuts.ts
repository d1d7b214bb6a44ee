// Window-wide input: Ctrl/Cmd+V outside fields adds pasted ids, Ctrl/Cmd+F goes to search, Ctrl/Cmd+Shift+G
// switches between the list and the gallery, Delete removes the selection (asking first), and files or text
// dropped anywhere are imported.
import { useEffect } from 'react'
import { modalOpen } from './components/Modal'
import { removeSelected } from './stores/actions'
import { useAdd } from './stores/add'
import { useApp } from './stores/app'
import { filesFromDrop, useSubmit } from './stores/submit'
import { searchFocus, useUi } from './stores/ui'

export function isEditable(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false
  if (t.isContentEditable) return true
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true
  if (t instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(t.type)
  return false
}

function hasFiles(e: DragEvent): boolean {
  return [...(e.dataTransfer?.types ?? [])].includes('Files')
}

/** The list/gallery switch (the toolbar's control, the shortcut and the menu's item): on the tasks view. */
export function showBrowseToggled(): void {
  const app = useApp.getState()
  if (app.view !== 'tasks') {
    app.setView('tasks')
    useUi.getState().setBrowse('gallery')
  } else useUi.getState().toggleBrowse()
}

/** The shortcut's keys as this platform writes them. */
export const BROWSE_KEYS = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac') ? '⇧⌘G' : 'Ctrl+Shift+G'

export function useGlobalInput(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey
      if (mod && !e.shiftKey && !e.altKey && (e.key === 'f' || e.key === 'F')) {
        if (modalOpen()) return
        e.preventDefault()
        const app = useApp.getState()
        if (app.view !== 'tasks') app.setView('tasks')
        window.setTimeout(() => searchFocus.current?.(), 0)
        return
      }
      if (mod && e.shiftKey && !e.altKey && (e.key === 'g' || e.key === 'G')) {
        if (modalOpen()) return
        e.preventDefault()
        showBrowseToggled()
        return
      }
      if (e.key === 'Delete' && !mod && useUi.getState().browse === 'list' && !isEditable(e.target) && !modalOpen() && useApp.getState().view === 'tasks') {
        e.preventDefault()
        void removeSelected()
      }
    }

    const onPaste = (e: ClipboardEvent): void => {
      if (isEditable(e.target) || modalOpen() || useApp.getState().view !== 'tasks') return
      const file = e.clipboardData?.files?.[0]
      const text = e.clipboardData?.getData('text/plain') ?? ''
      if (!file && text.trim() === '') return
      e.preventDefault()
      if (file) void useAdd.getState().importFile(file)
      else void useAdd.getState().submit(text, 'paste')
    }

    // dragenter/dragleave fire for every child: count them to know when the pointer really left the window
    let depth = 0
    const onDragEnter = (e: DragEvent): void => {
      if (!hasFiles(e) || modalOpen()) return
      depth++
      useUi.getState().setDropActive(true)
    }
    const onDragLeave = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) useUi.getState().setDropActive(false)
    }
    // never let a dropped file navigate the window away
    const onDragOver = (e: DragEvent): void => {
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = hasFiles(e) && !modalOpen() ? 'copy' : 'none'
    }
    const onDrop = (e: DragEvent): void => {
      e.preventDefault()
      depth = 0
      useUi.getState().setDropActive(false)
      if (modalOpen() || isEditable(e.target)) return
      if (useApp.getState().view === 'new' && e.dataTransfer) {
        void filesFromDrop(e.dataTransfer).then((files) => useSubmit.getState().addDropped(files))
        return
      }
      const file = e.dataTransfer?.files?.[0]
      if (file) {
        if (useApp.getState().view !== 'tasks') useApp.getState().setView('tasks')
        void useAdd.getState().importFile(file)
        return
      }
      const text = e.dataTransfer?.getData('text/plain') ?? ''
      if (text.trim()) void useAdd.getState().submit(text, 'paste')
    }

    // one signal removes every listener, so the add and remove lists cannot drift apart
    const listeners = new AbortController()
    const { signal } = listeners
    window.addEventListener('keydown', onKeyDown, { signal })
    document.addEventListener('paste', onPaste, { signal })
    window.addEventListener('dragenter', onDragEnter, { signal })
    window.addEventListener('dragleave', onDragLeave, { signal })
    window.addEventListener('dragover', onDragOver, { signal })
    window.addEventListener('drop', onDrop, { signal })
    return () => listeners.abort()
  }, [])
}

// A modal on the native <dialog>: the top layer, a focus trap and Esc come from the platform. Mounted = open.
import { useEffect, useRef } from 'react'

interface Props {
  onClose(): void
  labelledBy: string
  className?: string
  children: React.ReactNode
  onKeyDown?: (e: React.KeyboardEvent<HTMLDialogElement>) => void
}

export function Modal({ onClose, labelledBy, className, children, onKeyDown }: Props): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  useEffect(() => {
    const d = ref.current
    const before = document.activeElement as HTMLElement | null
    if (d && !d.open) d.showModal()
    return () => {
      if (d?.open) d.close()
      // back to where the person was
      if (before && document.contains(before)) before.focus({ preventScroll: true })
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault()
        close.current()
      }}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => {
        // a click on the backdrop (the dialog element itself, outside its content) closes
        if (e.target === ref.current) close.current()
      }}
    >
      {children}
    </dialog>
  )
}

/** True while a modal is open: global shortcuts stay out of its way. */
export function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null
}

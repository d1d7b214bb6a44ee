// The settings-style pages (Settings, New tasks): the page with its title, and its titled sections (a heading, an
// optional line of description, then the body).
import { useId } from 'react'

interface SectionProps {
  title: string
  description?: string
  /** the region's name when it should differ from the title (defaults to the title) */
  label?: string
  bodyClassName?: string
  children: React.ReactNode
}

export function Section({ title, description, label, bodyClassName, children }: SectionProps): React.JSX.Element {
  const id = useId()
  return (
    <section className="settings-section" {...(label ? { 'aria-label': label } : { 'aria-labelledby': id })}>
      <div className="settings-section-head">
        <h3 id={id} className="settings-section-title">
          {title}
        </h3>
        {description && <p className="muted">{description}</p>}
      </div>
      <div className={bodyClassName ? `settings-section-body ${bodyClassName}` : 'settings-section-body'}>{children}</div>
    </section>
  )
}

/** A page in the settings layout: a main landmark named by its title. */
export function SettingsPage({ title, className, children }: { title: string; className?: string; children: React.ReactNode }): React.JSX.Element {
  const id = useId()
  return (
    <main className={className ? `settings ${className}` : 'settings'} aria-labelledby={id}>
      <div className="settings-inner">
        <h2 id={id} className="page-title">
          {title}
        </h2>
        {children}
      </div>
    </main>
  )
}

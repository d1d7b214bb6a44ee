import { useToasts } from '../stores/toasts'
import { Icon } from './Icon'

export function Toasts(): React.JSX.Element {
  const toasts = useToasts((s) => s.toasts)
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <Icon name={t.tone === 'error' ? 'alert' : 'check'} className="toast-icon" />
          <span className="toast-text">{t.text}</span>
          {t.action && (
            <button
              type="button"
              className="btn btn-small btn-link"
              onClick={() => {
                t.action?.run()
                useToasts.getState().dismiss(t.id)
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" className="icon-btn" aria-label="Dismiss notification" onClick={() => useToasts.getState().dismiss(t.id)}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  )
}

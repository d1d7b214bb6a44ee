import { useTranslation } from 'react-i18next'
import { useToasts } from '../stores/toasts'
import { Icon } from './Icon'

export function Toasts(): React.JSX.Element {
  const toasts = useToasts((s) => s.toasts)
  const { t } = useTranslation()
  return (
    <div className="toasts" role="region" aria-label={t('common.notifications')} aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          <Icon name={toast.tone === 'error' ? 'alert' : 'check'} className="toast-icon" />
          <span className="toast-text">{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="btn btn-small btn-link"
              onClick={() => {
                toast.action?.run()
                useToasts.getState().dismiss(toast.id)
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="icon-btn" aria-label={t('common.dismiss')} onClick={() => useToasts.getState().dismiss(toast.id)}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  )
}

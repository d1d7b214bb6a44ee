import { useTranslation } from 'react-i18next'
import { useConfirm } from '../stores/confirm'
import { Modal } from './Modal'

export function ConfirmDialog(): React.JSX.Element | null {
  const request = useConfirm((s) => s.request)
  const { t } = useTranslation()
  if (!request) return null
  const answer = (ok: boolean) => useConfirm.getState().answer(ok)
  return (
    <Modal onClose={() => answer(false)} labelledBy="confirm-title" className="modal-small">
      <form
        method="dialog"
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault()
          answer(true)
        }}
      >
        <h2 id="confirm-title" className="modal-title">
          {request.title}
        </h2>
        <p className="modal-text">{request.body}</p>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => answer(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`btn ${request.danger ? 'btn-danger' : 'btn-primary'}`} autoFocus>
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  )
}

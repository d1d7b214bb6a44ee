// Export the current list, and clear old finished tasks.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { clearFinished, exportHistory } from '../stores/actions'
import { useTasks } from '../stores/tasks'
import { useUi } from '../stores/ui'
import { Modal } from './Modal'
import { statusWord } from './StatusBadge'

export function HistoryDialogs(): React.JSX.Element {
  const exportOpen = useUi((s) => s.exportOpen)
  const clearOpen = useUi((s) => s.clearOpen)
  return (
    <>
      {exportOpen && <ExportDialog />}
      {clearOpen && <ClearDialog />}
    </>
  )
}

function ExportDialog(): React.JSX.Element {
  const filter = useTasks((s) => s.filter)
  const total = useTasks((s) => s.total)
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [withUrls, setWithUrls] = useState(false)
  const [busy, setBusy] = useState(false)
  const id = useId()
  const { t } = useTranslation()
  const close = () => useUi.getState().setExportOpen(false)
  const search = filter.search.trim()
  const status = filter.status ? statusWord(filter.status) : null
  const scope = search
    ? status
      ? t('history.scopeStatusMatching', { status, search })
      : t('history.scopeAllMatching', { search })
    : status
      ? t('history.scopeStatus', { status })
      : t('history.scopeAll')
  return (
    <Modal onClose={close} labelledBy={`${id}-t`} className="modal-small">
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault()
          setBusy(true)
          void exportHistory(format, withUrls).finally(() => {
            setBusy(false)
            close()
          })
        }}
      >
        <h2 id={`${id}-t`} className="modal-title">
          {t('history.exportTitle')}
        </h2>
        <p className="modal-text">{total !== null ? t('history.exportsCount', { scope, count: total }) : t('history.exports', { scope })}</p>
        <fieldset className="radio-group">
          <legend>{t('history.format')}</legend>
          <label className="radio">
            <input type="radio" name="format" value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} /> {t('history.csv')}
          </label>
          <label className="radio">
            <input type="radio" name="format" value="json" checked={format === 'json'} onChange={() => setFormat('json')} /> {t('history.json')}
          </label>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={withUrls} onChange={(e) => setWithUrls(e.target.checked)} />
          <span>
            {t('history.withUrls')}
            <span className="hint">{t('history.withUrlsHint')}</span>
          </span>
        </label>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('history.exporting') : t('history.export')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

function ClearDialog(): React.JSX.Element {
  const [days, setDays] = useState('30')
  const [busy, setBusy] = useState(false)
  const id = useId()
  const { t } = useTranslation()
  const n = Number(days)
  const valid = days.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 36500
  const close = () => useUi.getState().setClearOpen(false)
  return (
    <Modal onClose={close} labelledBy={`${id}-t`} className="modal-small">
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault()
          if (!valid) return
          setBusy(true)
          void clearFinished(n).finally(() => {
            setBusy(false)
            close()
          })
        }}
      >
        <h2 id={`${id}-t`} className="modal-title">
          {t('history.clearTitle')}
        </h2>
        <p className="modal-text">{t('history.clearText')}</p>
        <div className="field field-inline">
          <label htmlFor={`${id}-days`}>{t('history.finishedMoreThan')}</label>
          <input id={`${id}-days`} type="number" min={0} max={36500} step={1} value={days} onChange={(e) => setDays(e.target.value)} className="input-narrow" />
          <span>{t('history.daysAgo')}</span>
        </div>
        {!valid && <p className="hint hint-error">{t('history.daysInvalid')}</p>}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !valid}>
            {busy ? t('history.removing') : t('history.remove')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

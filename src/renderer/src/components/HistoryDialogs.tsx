// Export the current list, and clear old finished tasks.
import { useId, useState } from 'react'
import { clearFinished, exportHistory } from '../stores/actions'
import { useTasks } from '../stores/tasks'
import { useUi } from '../stores/ui'
import { Modal } from './Modal'
import { statusLabel } from './StatusBadge'

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
  const close = () => useUi.getState().setExportOpen(false)
  const scope = [filter.status ? `${statusLabel(filter.status).toLowerCase()} tasks` : 'all tasks', filter.search.trim() ? `matching “${filter.search.trim()}”` : '']
    .filter(Boolean)
    .join(' ')
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
          Export the list
        </h2>
        <p className="modal-text">
          Exports {scope}
          {total !== null ? ` (${total.toLocaleString('en-US')})` : ''}, as the list shows them now. You choose where to save next.
        </p>
        <fieldset className="radio-group">
          <legend>Format</legend>
          <label className="radio">
            <input type="radio" name="format" value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (spreadsheets)
          </label>
          <label className="radio">
            <input type="radio" name="format" value="json" checked={format === 'json'} onChange={() => setFormat('json')} /> JSON
          </label>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={withUrls} onChange={(e) => setWithUrls(e.target.checked)} />
          <span>
            Include image links
            <span className="hint">Signed links that expire; anyone with them can open the images.</span>
          </span>
        </label>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export…'}
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
          Clear old finished tasks
        </h2>
        <p className="modal-text">Removes finished and failed tasks from the history. Downloaded files stay on disk. This cannot be undone.</p>
        <div className="field field-inline">
          <label htmlFor={`${id}-days`}>Finished more than</label>
          <input id={`${id}-days`} type="number" min={0} max={36500} step={1} value={days} onChange={(e) => setDays(e.target.value)} className="input-narrow" />
          <span>days ago</span>
        </div>
        {!valid && <p className="hint hint-error">Enter a number of days from 0 to 36500.</p>}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || !valid}>
            {busy ? 'Removing…' : 'Remove tasks'}
          </button>
        </div>
      </form>
    </Modal>
  )
}

// Choose what to download, where, and how files are named; then start. The progress shows in the downloads panel.
import { useTranslation } from 'react-i18next'
import { useId, useState } from 'react'
import type { DownloadRequest } from '../../../shared/ipc'
import { call, errorMessage } from '../api'
import { exampleFileName, formatCount, plural, templateProblem } from '../format'
import { startDownload } from '../stores/actions'
import { useApp } from '../stores/app'
import { useDetail } from '../stores/detail'
import { useGallery } from '../stores/gallery'
import { filterQuery, useTasks } from '../stores/tasks'
import { useUi, type DownloadScope } from '../stores/ui'
import { Icon } from './Icon'
import { Modal } from './Modal'

const SAMPLE_ID = '4dcfa662-9b1e-4c7a-8d4f-2f6c1e0a9b37'

export function DownloadDialog(): React.JSX.Element | null {
  const scope = useUi((s) => s.downloadDialog)
  if (!scope) return null
  return <DownloadForm scope={scope} />
}

function DownloadForm({ scope }: { scope: DownloadScope }): React.JSX.Element {
  const { t } = useTranslation()
  const settings = useApp((s) => s.settings)
  const finishedCount = useTasks((s) => s.counts?.byStatus['finished'] ?? 0)
  const search = useTasks((s) => s.filter.search.trim())
  const activeId = useDetail((s) => s.taskId)
  const [folder, setFolder] = useState<string | null>(settings?.downloads.folder ?? null)
  const [template, setTemplate] = useState(settings?.downloads.filenameTemplate ?? '{taskId}_{index}.{ext}')
  const [wait, setWait] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const close = () => useUi.getState().closeDownload()
  const problem = templateProblem(template)
  const sample = scope.kind === 'task' ? scope.taskId : (activeId ?? SAMPLE_ID)

  const what =
    scope.kind === 'task'
      ? 'The images of this task'
      : scope.kind === 'images'
        ? t('gallery.download.what', { count: scope.count })
        : scope.kind === 'selection'
        ? `The images of ${plural(scope.count, 'selected task')} (finished ones${wait ? '; the others when they finish' : ''})`
        : search
          ? `Every finished task matching “${search}”`
          : `Every finished task (${formatCount(finishedCount)})`

  async function chooseFolder(): Promise<void> {
    try {
      const r = await call('shell:chooseFolder', folder ? { defaultPath: folder } : {})
      if (r.path) setFolder(r.path)
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  async function start(): Promise<void> {
    if (!folder || problem) return
    setBusy(true)
    setError(null)
    try {
      const req: DownloadRequest = { folder, template }
      let label: string
      if (scope.kind === 'images') {
        // the gallery's selection: the filter when it is everything, else the chosen images (in parts when many)
        const parts = await useGallery.getState().downloadRequests(req)
        label = t('gallery.download.label', { count: scope.count })
        let started = 0
        for (const part of parts) if (await startDownload(part, label)) started++
        if (started === parts.length) close()
        return
      }
      if (scope.kind === 'task') {
        req.taskIds = [scope.taskId]
        label = 'Task images'
      } else if (scope.kind === 'selection') {
        const tasks = useTasks.getState()
        // "all matching" goes as the filter only when it cannot reach beyond the selection: main downloads every
        // finished task matching the search, whatever the status filter says
        const statusOk = tasks.filter.status === null || tasks.filter.status === 'finished'
        if (tasks.allMatching && tasks.excluded.size === 0 && statusOk && !wait) {
          const { status: _s, ...filter } = filterQuery(tasks.filter)
          req.filter = filter
        } else req.taskIds = await tasks.selectedIds()
        if (wait) req.waitForUnfinished = true
        label = `${plural(scope.count, 'selected task')}`
      } else {
        const { status: _s, ...filter } = filterQuery(useTasks.getState().filter)
        req.filter = filter
        label = search ? `Finished tasks matching “${search}”` : 'All finished tasks'
      }
      const batchId = await startDownload(req, label)
      if (batchId) close()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal onClose={close} labelledBy={`${id}-title`}>
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <h2 id={`${id}-title`} className="modal-title">
          Download images
        </h2>
        <p className="modal-text">{what}.</p>

        <div className="field">
          <span className="field-label" id={`${id}-folder-label`}>
            Folder
          </span>
          <div className="folder-pick">
            <span className={`folder-path mono${folder ? '' : ' muted'}`} aria-labelledby={`${id}-folder-label`} title={folder ?? undefined}>
              {folder ? <bdi>{folder}</bdi> : 'No folder chosen'}
            </span>
            <button type="button" className="btn" onClick={() => void chooseFolder()}>
              <Icon name="folder" /> Choose…
            </button>
          </div>
        </div>

        <div className="field">
          <label htmlFor={`${id}-template`}>File names</label>
          <input id={`${id}-template`} type="text" className="mono" spellCheck={false} value={template} onChange={(e) => setTemplate(e.target.value)} aria-describedby={`${id}-example`} />
          <p id={`${id}-example`} className={problem ? 'hint hint-error' : 'hint'} aria-live="polite">
            {problem ?? (
              <>
                Example: <span className="mono example">{exampleFileName(template, sample)}</span>
              </>
            )}
          </p>
          <p className="hint">
            Variables: <code>{'{taskId}'}</code> <code>{'{index}'}</code> <code>{'{n}'}</code> <code>{'{name}'}</code> <code>{'{ext}'}</code> <code>{'{date}'}</code>. A “/” makes subfolders.
          </p>
        </div>

        {scope.kind === 'selection' && (
          <label className="check">
            <input type="checkbox" checked={wait} onChange={(e) => setWait(e.target.checked)} />
            <span>Wait for unfinished tasks and download them when they finish</span>
          </label>
        )}

        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}

        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !folder || problem !== null}>
            <Icon name="download" /> {busy ? 'Starting…' : 'Start download'}
          </button>
        </div>
      </form>
    </Modal>
  )
}

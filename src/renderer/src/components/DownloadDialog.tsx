// Choose what to download, where, and how files are named; then start. The progress shows in the downloads panel.
import { useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { DownloadRequest } from '../../../shared/ipc'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { call, errorMessage } from '../api'
import { exampleFileName, templateProblem } from '../format'
import { startDownload } from '../stores/actions'
import { useApp } from '../stores/app'
import { useDetail } from '../stores/detail'
import { useGallery } from '../stores/gallery'
import { filterQuery } from '../lib/startupAsks'
import { useTasks } from '../stores/tasks'
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
  const [template, setTemplate] = useState(settings?.downloads.filenameTemplate ?? DEFAULT_SETTINGS.downloads.filenameTemplate)
  const [wait, setWait] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const close = () => useUi.getState().closeDownload()
  const problem = templateProblem(template)
  const sample = scope.kind === 'task' ? scope.taskId : (activeId ?? SAMPLE_ID)

  const what =
    scope.kind === 'task'
      ? t('downloads.whatTask')
      : scope.kind === 'images'
        ? t('gallery.download.what', { count: scope.count })
        : scope.kind === 'selection'
          ? t(wait ? 'downloads.whatSelectionWait' : 'downloads.whatSelection', { count: scope.count })
        : search
          ? t('downloads.whatMatching', { search })
          : t('downloads.whatAll', { count: finishedCount })

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
        label = t('downloads.labelTask')
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
        label = t('downloads.labelSelection', { count: scope.count })
      } else {
        const { status: _s, ...filter } = filterQuery(useTasks.getState().filter)
        req.filter = filter
        label = search ? t('downloads.labelMatching', { search }) : t('downloads.labelAll')
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
          {t('downloads.title')}
        </h2>
        <p className="modal-text">{what}</p>

        <div className="field">
          <span className="field-label" id={`${id}-folder-label`}>
            {t('downloads.folder')}
          </span>
          <div className="folder-pick">
            <span className={`folder-path mono${folder ? '' : ' muted'}`} aria-labelledby={`${id}-folder-label`} title={folder ?? undefined}>
              {folder ? <bdi>{folder}</bdi> : t('downloads.noFolder')}
            </span>
            <button type="button" className="btn" onClick={() => void chooseFolder()}>
              <Icon name="folder" /> {t('downloads.choose')}
            </button>
          </div>
        </div>

        <div className="field">
          <label htmlFor={`${id}-template`}>{t('downloads.fileNames')}</label>
          <input id={`${id}-template`} type="text" className="mono" spellCheck={false} value={template} onChange={(e) => setTemplate(e.target.value)} aria-describedby={`${id}-example`} />
          <p id={`${id}-example`} className={problem ? 'hint hint-error' : 'hint'} aria-live="polite">
            {problem ?? (
              <>
                {t('downloads.example')} <span className="mono example">{exampleFileName(template, sample)}</span>
              </>
            )}
          </p>
          <p className="hint">
            <Trans i18nKey="downloads.variables" components={{ c: <code /> }} />
          </p>
        </div>

        {scope.kind === 'selection' && (
          <label className="check">
            <input type="checkbox" checked={wait} onChange={(e) => setWait(e.target.checked)} />
            <span>{t('downloads.wait')}</span>
          </label>
        )}

        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}

        <div className="modal-actions">
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !folder || problem !== null}>
            <Icon name="download" /> {busy ? t('downloads.starting') : t('downloads.start')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

// "New tasks": garment photos in (files, a folder, a drop, or image URLs), each checked before anything is paid
// for; the parameters with the vendor sample's defaults; the cost; then each photo's outcome, unknown ones plainly.
import { useEffect, useState } from 'react'
import { SUBMIT_GENDERS, SUBMIT_MODELS, MAX_IMAGES_PER_PHOTO, type SubmissionRecord, type SubmitParams } from '../../../shared/submit'
import { formatBytes, formatDateTime, plural } from '../format'
import { useApp } from '../stores/app'
import { paramsOf, sendable, useSubmit, type PhotoItem } from '../stores/submit'
import { useDetail } from '../stores/detail'
import { Icon } from './Icon'

export function NewTasksView(): React.JSX.Element {
  const photos = useSubmit((s) => s.photos)
  useEffect(() => {
    void useSubmit.getState().load()
  }, [])
  return (
    <main className="settings new-tasks" aria-labelledby="new-tasks-title">
      <div className="settings-inner">
        <h2 id="new-tasks-title" className="page-title">
          New tasks
        </h2>
        <AddPhotos />
        <ParamsForm />
        {photos.length > 0 && <PhotoGrid photos={photos} />}
        <SubmitBar />
        <Outcomes />
      </div>
    </main>
  )
}

function AddPhotos(): React.JSX.Element {
  const [urls, setUrls] = useState('')
  const s = useSubmit.getState()
  return (
    <section className="settings-section" aria-label="Add photos">
      <div className="settings-section-head">
        <h3 className="settings-section-title">Photos</h3>
        <p className="muted">Garment photos: JPEG, PNG, BMP or WEBP, at most 4 MB, larger than 512×512 and smaller than 3000×3000 pixels. Drop photos or a folder anywhere on this page.</p>
      </div>
      <div className="settings-section-body">
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => void s.choose('files')}>
            <Icon name="file" /> Add photos…
          </button>
          <button type="button" className="btn" onClick={() => void s.choose('folder')}>
            <Icon name="folder" /> Add a folder…
          </button>
        </div>
        <label className="field">
          <span>Image URLs (the vendor downloads them), one a line</span>
          <textarea rows={2} value={urls} onChange={(e) => setUrls(e.target.value)} placeholder="https://…/shirt.jpg" aria-label="Image URLs" />
        </label>
        <button type="button" className="btn btn-small" disabled={urls.trim() === ''} onClick={() => s.addUrls(urls) > 0 && setUrls('')}>
          Add URLs
        </button>
      </div>
    </section>
  )
}

type TextField = 'age' | 'bgStyle' | 'dimension'
const TEXT_FIELDS: Array<[TextField, string]> = [
  ['age', 'Age'],
  ['bgStyle', 'Background style'],
  ['dimension', 'Dimension (pixels)']
]

function ParamsForm(): React.JSX.Element {
  const params = useSubmit((s) => s.params)
  const set = useSubmit.getState().setParam
  return (
    <section className="settings-section" aria-label="Parameters">
      <div className="settings-section-head">
        <h3 className="settings-section-title">Parameters</h3>
        <p className="muted">The vendor sample&apos;s values are the defaults. Age, background and dimension are free text: the vendor publishes no list.</p>
      </div>
      <div className="settings-section-body params-grid">
        <label className="field">
          <span>Model</span>
          <select value={params.model} onChange={(e) => set('model', e.target.value)} aria-label="Model">
            {SUBMIT_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Gender</span>
          <select value={params.gender ?? ''} onChange={(e) => set('gender', e.target.value === '' ? null : e.target.value)} aria-label="Gender">
            {SUBMIT_GENDERS.map((g) => (
              <option key={g}>{g}</option>
            ))}
            <option value="">let the vendor guess</option>
          </select>
        </label>
        {TEXT_FIELDS.map(([key, label]) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input value={params[key]} onChange={(e) => set(key, e.target.value)} aria-label={label} maxLength={64} />
          </label>
        ))}
        <label className="field">
          <span>Images per photo</span>
          <input type="number" min={1} max={MAX_IMAGES_PER_PHOTO} value={params.count} onChange={(e) => set('count', Math.max(1, Math.min(MAX_IMAGES_PER_PHOTO, Math.round(Number(e.target.value) || 1))))} aria-label="Images per photo" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={params.keepBackground} onChange={(e) => set('keepBackground', e.target.checked)} /> Keep the photo&apos;s background
        </label>
      </div>
    </section>
  )
}

function checkText(p: PhotoItem): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  if (p.inputKind === 'url') return { tone: 'ok', text: 'URL: the vendor downloads and checks it' }
  if (p.problem === null) return { tone: 'ok', text: `Fine · ${p.width}×${p.height} · ${formatBytes(p.bytes)}` }
  const short = { TOO_SMALL: 'Too small', TOO_LARGE: 'Too big', FILE_TOO_BIG: 'Too big', WRONG_TYPE: 'Wrong type' }[p.problem.code as string] ?? 'Cannot send'
  return { tone: p.problem.fitWouldHelp ? 'warn' : 'bad', text: `${short}${p.problem.fitWouldHelp ? ': fit?' : ''} — ${p.problem.message}` }
}

function PhotoGrid({ photos }: { photos: PhotoItem[] }): React.JSX.Element {
  const s = useSubmit.getState()
  const params = useSubmit((st) => st.params)
  return (
    <ul className="photo-grid" aria-label="Photos to submit">
      {photos.map((p) => {
        const check = checkText(p)
        return (
          <li key={p.input} className={`photo-card photo-${check.tone}`} aria-label={p.name}>
            {p.thumbnail ? <img src={p.thumbnail} alt="" className="photo-thumb" /> : <div className="photo-thumb photo-thumb-empty" aria-hidden="true" />}
            <p className="photo-name" title={p.input}>
              {p.name}
            </p>
            <p className="photo-check" role="status">
              {check.text}
            </p>
            {p.problem?.fitWouldHelp && (
              <label className="checkbox">
                <input type="checkbox" checked={p.fit} onChange={(e) => s.setFit(p.input, e.target.checked)} /> Fit into the limits (a copy; the file is untouched)
              </label>
            )}
            <div className="photo-overrides">
              <select aria-label={`Model for ${p.name}`} value={p.overrides.model ?? ''} onChange={(e) => s.setOverride(p.input, { model: e.target.value || (undefined as unknown as string) })}>
                <option value="">model: {params.model}</option>
                {SUBMIT_MODELS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
              <input
                type="number"
                min={1}
                max={MAX_IMAGES_PER_PHOTO}
                aria-label={`Images for ${p.name}`}
                value={paramsOf(p, params).count}
                onChange={(e) => s.setOverride(p.input, { count: Math.max(1, Math.min(MAX_IMAGES_PER_PHOTO, Math.round(Number(e.target.value) || 1))) })}
              />
              <button type="button" className="icon-btn" aria-label={`Remove ${p.name}`} onClick={() => s.remove(p.input)}>
                <Icon name="close" />
              </button>
            </div>
          </li>
        )
      })}
    </ul>
  )
}

function SubmitBar(): React.JSX.Element {
  const photos = useSubmit((s) => s.photos)
  const params = useSubmit((s) => s.params)
  const balance = useSubmit((s) => s.balance)
  const submitting = useSubmit((s) => s.submitting)
  const [again, setAgain] = useState(false)
  const ready = photos.filter(sendable)
  const images = ready.reduce((n, p) => n + paramsOf(p, params).count, 0)
  const left = photos.length - ready.length
  return (
    <section className="submit-bar" aria-label="Cost">
      <p className="cost" role="status">
        {ready.length === 0 ? 'No photo ready to submit.' : `${plural(ready.length, 'photo')} → ${plural(images, 'image')} to pay for`}
        {left > 0 && <span className="muted"> · {plural(left, 'photo')} will not be sent (see its check)</span>}
        {balance && (
          <span className={balance.balance < images ? 'cost-short' : 'muted'}>
            {' '}
            · balance {balance.balance} (checked {formatDateTime(balance.checkedAt)})
          </span>
        )}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={again} onChange={(e) => setAgain(e.target.checked)} /> Send photos already submitted with these parameters again
      </label>
      <button type="button" className="btn btn-primary" disabled={ready.length === 0 || submitting} onClick={() => void useSubmit.getState().submit(again)}>
        <Icon name="play" /> {submitting ? 'Submitting…' : `Submit ${plural(ready.length, 'photo')}`}
      </button>
    </section>
  )
}

const STATE_WORDS: Record<SubmissionRecord['state'], string> = {
  pending: 'Waiting',
  submitted: 'Submitted',
  rejected: 'Rejected',
  unknown: 'Unknown',
  skipped: 'Not sent again'
}
const SKIP_WORDS: Record<string, string> = {
  'already-submitted': 'already submitted with these parameters',
  'still-unknown': 'an earlier submit of it has an unknown outcome',
  'in-progress': 'being submitted by another run'
}

function Outcomes(): React.JSX.Element | null {
  const submissions = useSubmit((s) => s.submissions)
  const rows = [...submissions.values()].sort((a, b) => b.id - a.id).slice(0, 200)
  if (rows.length === 0) return null
  const done = rows.filter((r) => r.state !== 'pending').length
  return (
    <section className="outcomes" aria-label="Submissions">
      <h3 className="settings-section-title">
        Submissions <span className="muted">{done}/{rows.length} done</span>
      </h3>
      <ul className="outcome-list">
        {rows.map((r) => (
          <OutcomeRow key={r.id} row={r} />
        ))}
      </ul>
    </section>
  )
}

function OutcomeRow({ row }: { row: SubmissionRecord }): React.JSX.Element {
  const [taskId, setTaskId] = useState('')
  const name = row.input.split(/[\\/]/).pop() ?? row.input
  // a pending row with a send time is on its way to the vendor (and may be answered any moment)
  const stateWord = row.state === 'pending' && row.sendingSince !== null ? 'Sending' : STATE_WORDS[row.state]
  const open = (id: string): void => {
    useApp.getState().setView('tasks')
    useDetail.getState().open(id)
  }
  return (
    <li className={`outcome outcome-${row.state}`} aria-label={`${name}: ${stateWord}`}>
      <span className="outcome-state">{stateWord}</span>
      <span className="outcome-name" title={row.input}>
        {name}
      </span>
      {row.taskId && row.state !== 'unknown' && (
        <button type="button" className="btn btn-link btn-small mono" onClick={() => open(row.taskId!)}>
          {row.taskId}
        </button>
      )}
      {row.state === 'skipped' && <span className="muted">{SKIP_WORDS[row.skipReason ?? ''] ?? ''}</span>}
      {row.state === 'rejected' && <span className="outcome-error">{row.error?.message}</span>}
      {row.state === 'unknown' && (
        <div className="outcome-unknown" role="alert">
          <p>
            The answer was lost at {formatDateTime(row.updatedAt)}
            {row.requestId ? (
              <>
                {' '}
                (request id <span className="mono selectable">{row.requestId}</span>)
              </>
            ) : null}
            : the vendor may or may not have created a task, and it was not sent again.
          </p>
          <p className="muted">Look for it in the vendor&apos;s console. If you find its task id, enter it here; if there is none, add the photo again and submit it with &quot;Send … again&quot;.</p>
          <form
            className="row-actions"
            onSubmit={(e) => {
              e.preventDefault()
              if (taskId.trim()) void useSubmit.getState().resolveUnknown(row.id, taskId.trim())
            }}
          >
            <input value={taskId} onChange={(e) => setTaskId(e.target.value)} placeholder="task id from the console" aria-label={`Task id for ${name}`} />
            <button type="submit" className="btn btn-small" disabled={taskId.trim() === ''}>
              Link the task
            </button>
          </form>
        </div>
      )}
    </li>
  )
}

/** For the header: the submit API's balance, asked for on demand (and by itself at most once a day). */
export function QuotaMeter(): React.JSX.Element {
  const balance = useSubmit((s) => s.balance)
  const busy = useSubmit((s) => s.balanceBusy)
  useEffect(() => {
    void useSubmit.getState().refreshBalance(true)
  }, [])
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small quota"
      disabled={busy}
      aria-label="Submit balance"
      title={balance ? `Checked ${formatDateTime(balance.checkedAt)}. Click to ask the vendor now (it asks for about one call a day).` : 'Ask the vendor for the remaining balance'}
      onClick={() => void useSubmit.getState().refreshBalance(false)}
    >
      {busy ? 'Balance…' : balance ? `Balance ${balance.balance}` : 'Balance ?'}
    </button>
  )
}

export type { SubmitParams }

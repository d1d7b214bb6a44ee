// "New tasks": garment photos in (files, a folder, a drop, or image URLs), each checked before anything is paid
// for; the parameters with the vendor sample's defaults; the cost; then each photo's outcome, unknown ones plainly.
import { useEffect, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { SUBMIT_GENDERS, SUBMIT_MODELS, MAX_IMAGES_PER_PHOTO, type SubmissionRecord, type SubmitParams } from '../../../shared/submit'
import { formatBytes, formatDateTime } from '../format'
import { t } from '../i18n'
import { describeProblem, describeRejection } from '../lib/errorText'
import { useApp } from '../stores/app'
import { paramsOf, sendable, useSubmit, type PhotoItem } from '../stores/submit'
import { useDetail } from '../stores/detail'
import { Icon } from './Icon'
import { Section, SettingsPage } from './Section'

export function NewTasksView(): React.JSX.Element {
  const photos = useSubmit((s) => s.photos)
  const { t } = useTranslation()
  useEffect(() => {
    void useSubmit.getState().load()
  }, [])
  return (
    <SettingsPage title={t('submit.title')} className="new-tasks">
      <AddPhotos />
      <ParamsForm />
      {photos.length > 0 && <PhotoGrid photos={photos} />}
      <SubmitBar />
      <Outcomes />
    </SettingsPage>
  )
}

function AddPhotos(): React.JSX.Element {
  const [urls, setUrls] = useState('')
  const s = useSubmit.getState()
  const { t } = useTranslation()
  return (
    <Section title={t('submit.photos')} description={t('submit.photosText')} label={t('submit.addPhotos')}>
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => void s.choose('files')}>
            <Icon name="file" /> {t('submit.addFiles')}
          </button>
          <button type="button" className="btn" onClick={() => void s.choose('folder')}>
            <Icon name="folder" /> {t('submit.addFolder')}
          </button>
        </div>
        <label className="field">
          <span>{t('submit.urlsLabel')}</span>
          <textarea rows={2} value={urls} onChange={(e) => setUrls(e.target.value)} placeholder={t('submit.urlsPlaceholder')} aria-label={t('submit.urls')} />
        </label>
        <button type="button" className="btn btn-small" disabled={urls.trim() === ''} onClick={() => s.addUrls(urls) > 0 && setUrls('')}>
          {t('submit.addUrls')}
        </button>
    </Section>
  )
}

type TextField = 'age' | 'bgStyle' | 'dimension'
const TEXT_FIELDS: TextField[] = ['age', 'bgStyle', 'dimension']

function ParamsForm(): React.JSX.Element {
  const params = useSubmit((s) => s.params)
  const set = useSubmit.getState().setParam
  const { t } = useTranslation()
  return (
    <Section title={t('submit.parameters')} description={t('submit.parametersText')} label={t('submit.parameters')} bodyClassName="params-grid">
        <label className="field">
          <span>{t('submit.model')}</span>
          <select value={params.model} onChange={(e) => set('model', e.target.value)} aria-label={t('submit.model')}>
            {SUBMIT_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('submit.gender')}</span>
          <select value={params.gender ?? ''} onChange={(e) => set('gender', e.target.value === '' ? null : e.target.value)} aria-label={t('submit.gender')}>
            {SUBMIT_GENDERS.map((g) => (
              <option key={g}>{g}</option>
            ))}
            <option value="">{t('submit.genderGuess')}</option>
          </select>
        </label>
        {TEXT_FIELDS.map((key) => (
          <label key={key} className="field">
            <span>{t(`submit.${key}`)}</span>
            <input value={params[key]} onChange={(e) => set(key, e.target.value)} aria-label={t(`submit.${key}`)} maxLength={64} />
          </label>
        ))}
        <label className="field">
          <span>{t('submit.perPhoto')}</span>
          <input type="number" min={1} max={MAX_IMAGES_PER_PHOTO} value={params.count} onChange={(e) => set('count', Math.max(1, Math.min(MAX_IMAGES_PER_PHOTO, Math.round(Number(e.target.value) || 1))))} aria-label={t('submit.perPhoto')} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={params.keepBackground} onChange={(e) => set('keepBackground', e.target.checked)} /> {t('submit.keepBackground')}
        </label>
    </Section>
  )
}

function checkText(p: PhotoItem): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  if (p.inputKind === 'url') return { tone: 'ok', text: t('submit.checkUrl') }
  if (p.problem === null) return { tone: 'ok', text: t('submit.checkFine', { width: p.width ?? 0, height: p.height ?? 0, size: formatBytes(p.bytes) }) }
  const code = p.problem.code
  const short = code === 'TOO_SMALL' || code === 'TOO_LARGE' || code === 'FILE_TOO_BIG' || code === 'WRONG_TYPE' ? t(`submit.short.${code}`) : t('submit.short.other')
  const problem = describeProblem(p.problem)
  return p.problem.fitWouldHelp ? { tone: 'warn', text: t('submit.checkFit', { short, problem }) } : { tone: 'bad', text: t('submit.checkProblem', { short, problem }) }
}

function PhotoGrid({ photos }: { photos: PhotoItem[] }): React.JSX.Element {
  const s = useSubmit.getState()
  const params = useSubmit((st) => st.params)
  const { t } = useTranslation()
  return (
    <ul className="photo-grid" aria-label={t('submit.toSubmit')}>
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
                <input type="checkbox" checked={p.fit} onChange={(e) => s.setFit(p.input, e.target.checked)} /> {t('submit.fit')}
              </label>
            )}
            <div className="photo-overrides">
              <select aria-label={t('submit.modelFor', { name: p.name })} value={p.overrides.model ?? ''} onChange={(e) => s.setOverride(p.input, { model: e.target.value || (undefined as unknown as string) })}>
                <option value="">{t('submit.modelDefault', { model: params.model })}</option>
                {SUBMIT_MODELS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
              <input
                type="number"
                min={1}
                max={MAX_IMAGES_PER_PHOTO}
                aria-label={t('submit.imagesFor', { name: p.name })}
                value={paramsOf(p, params).count}
                onChange={(e) => s.setOverride(p.input, { count: Math.max(1, Math.min(MAX_IMAGES_PER_PHOTO, Math.round(Number(e.target.value) || 1))) })}
              />
              <button type="button" className="icon-btn" aria-label={t('submit.removePhoto', { name: p.name })} onClick={() => s.remove(p.input)}>
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
  const { t } = useTranslation()
  const ready = photos.filter(sendable)
  const images = ready.reduce((n, p) => n + paramsOf(p, params).count, 0)
  const left = photos.length - ready.length
  return (
    <section className="submit-bar" aria-label={t('submit.cost')}>
      <p className="cost" role="status">
        {ready.length === 0 ? t('submit.noneReady') : t('submit.toPay', { photos: t('submit.photos', { count: ready.length }), images: t('common.images', { count: images }) })}
        {left > 0 && <span className="muted">{t('submit.notSent', { count: left })}</span>}
        {balance && (
          <span className={balance.balance < images ? 'cost-short' : 'muted'}>
            {t('submit.balanceChecked', { balance: balance.balance, time: formatDateTime(balance.checkedAt) })}
          </span>
        )}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={again} onChange={(e) => setAgain(e.target.checked)} /> {t('submit.again')}
      </label>
      <button type="button" className="btn btn-primary" disabled={ready.length === 0 || submitting} onClick={() => void useSubmit.getState().submit(again)}>
        <Icon name="play" /> {submitting ? t('submit.submitting') : t('submit.submit', { count: ready.length })}
      </button>
    </section>
  )
}


function Outcomes(): React.JSX.Element | null {
  const submissions = useSubmit((s) => s.submissions)
  const { t } = useTranslation()
  const rows = [...submissions.values()].sort((a, b) => b.id - a.id).slice(0, 200)
  if (rows.length === 0) return null
  const done = rows.filter((r) => r.state !== 'pending').length
  return (
    <section className="outcomes" aria-label={t('submit.submissions')}>
      <h3 className="settings-section-title">
        {t('submit.submissions')} <span className="muted">{t('submit.done', { done, total: rows.length })}</span>
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
  const { t } = useTranslation()
  const name = row.input.split(/[\\/]/).pop() ?? row.input
  // a pending row with a send time is on its way to the vendor (and may be answered any moment)
  const stateWord = row.state === 'pending' && row.sendingSince !== null ? t('submit.state.sending') : t(`submit.state.${row.state}`)
  const open = (id: string): void => {
    useApp.getState().setView('tasks')
    useDetail.getState().open(id)
  }
  return (
    <li className={`outcome outcome-${row.state}`} aria-label={t('submit.rowLabel', { name, state: stateWord })}>
      <span className="outcome-state">{stateWord}</span>
      <span className="outcome-name" title={row.input}>
        {name}
      </span>
      {row.taskId && row.state !== 'unknown' && (
        <button type="button" className="btn btn-link btn-small mono" onClick={() => open(row.taskId!)}>
          {row.taskId}
        </button>
      )}
      {row.state === 'skipped' && row.skipReason && <span className="muted">{t(`submit.skip.${row.skipReason}`)}</span>}
      {row.state === 'rejected' && row.error && <span className="outcome-error">{describeRejection(row.error)}</span>}
      {row.state === 'unknown' && (
        <div className="outcome-unknown" role="alert">
          <p>
            {row.requestId ? (
              <Trans i18nKey="submit.lostWithId" values={{ time: formatDateTime(row.updatedAt), requestId: row.requestId }} components={{ id: <span className="mono selectable" /> }} />
            ) : (
              t('submit.lost', { time: formatDateTime(row.updatedAt) })
            )}
          </p>
          <p className="muted">{t('submit.lookFor')}</p>
          <form
            className="row-actions"
            onSubmit={(e) => {
              e.preventDefault()
              if (taskId.trim()) void useSubmit.getState().resolveUnknown(row.id, taskId.trim())
            }}
          >
            <input value={taskId} onChange={(e) => setTaskId(e.target.value)} placeholder={t('submit.taskIdPlaceholder')} aria-label={t('submit.taskIdFor', { name })} />
            <button type="submit" className="btn btn-small" disabled={taskId.trim() === ''}>
              {t('submit.link')}
            </button>
          </form>
        </div>
      )}
    </li>
  )
}

/** For the header: the submit API's balance, asked for on demand (and by itself at most once a day). */
export type { SubmitParams }

// The add box: one id, many ids, or any text containing them; or a .txt/.csv/.json file.
import { useDeferredValue, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { extractTaskIds } from '../../../shared/taskIds'
import { useAdd } from '../stores/add'
import { Icon } from './Icon'

export function AddTasks(): React.JSX.Element {
  const text = useAdd((s) => s.text)
  const busy = useAdd((s) => s.busy)
  const outcome = useAdd((s) => s.outcome)
  const fileInput = useRef<HTMLInputElement>(null)
  const deferred = useDeferredValue(text)
  const found = useMemo(() => (deferred.trim() ? extractTaskIds(deferred) : null), [deferred])
  const count = found?.ids.length ?? 0
  const { t } = useTranslation()

  return (
    <section className="add-box" aria-labelledby="add-title">
      <h2 id="add-title" className="section-title">
        {t('add.title')}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void useAdd.getState().submit()
        }}
      >
        <textarea
          className="add-input"
          aria-label={t('add.inputLabel')}
          placeholder={t('add.placeholder')}
          spellCheck={false}
          value={text}
          rows={4}
          onChange={(e) => useAdd.getState().setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault()
              void useAdd.getState().submit()
            }
          }}
        />
        <p className="add-preview" aria-live="polite">
          {found === null
            ? t('add.hint')
            : count === 0
              ? t('add.noneYet')
              : found.duplicates
                ? t('add.repeated', { found: t('add.found', { count }), count: found.duplicates })
                : t('add.found', { count })}
        </p>
        <div className="add-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || count === 0}>
            <Icon name="plus" /> {count > 1 ? t('add.addMany', { count }) : t('add.addOne')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => fileInput.current?.click()}>
            <Icon name="file" /> {t('add.importFile')}
          </button>
          <input
            ref={fileInput}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('add.importLabel')}
            accept=".txt,.csv,.json,.tsv,.log,text/plain,text/csv,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void useAdd.getState().importFile(file)
            }}
          />
        </div>
      </form>
      {outcome && (
        <div className={`add-outcome outcome-${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          <div className="add-outcome-head">
            <span>{outcome.summary}</span>
            <button type="button" className="icon-btn" aria-label={t('add.dismiss')} onClick={() => useAdd.getState().dismissOutcome()}>
              <Icon name="close" />
            </button>
          </div>
        </div>
      )}
    </section>
  )
}

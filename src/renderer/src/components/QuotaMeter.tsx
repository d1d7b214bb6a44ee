// The vendor's quota left, in the header (a button asks again): apart from NewTasksView, which is a chunk of its own.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../format'
import { useSubmit } from '../stores/submit'

export function QuotaMeter(): React.JSX.Element {
  const balance = useSubmit((s) => s.balance)
  const busy = useSubmit((s) => s.balanceBusy)
  const { t } = useTranslation()
  useEffect(() => {
    void useSubmit.getState().refreshBalance(true)
  }, [])
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small quota"
      disabled={busy}
      aria-label={t('submit.balance')}
      title={balance ? t('submit.balanceTitle', { time: formatDateTime(balance.checkedAt) }) : t('submit.balanceAsk')}
      onClick={() => void useSubmit.getState().refreshBalance(false)}
    >
      {busy ? t('submit.balanceBusy') : balance ? t('submit.balanceValue', { balance: balance.balance }) : t('submit.balanceUnknown')}
    </button>
  )
}

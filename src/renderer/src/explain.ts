// Plain-word explanations of what went wrong, for the setup screen, the tracking header and the task detail, in
// the window's language (catalog area `explain`; the gateway's own message is shown beside them as it came).
import { BUSINESS_CODES, type AidgeErrorInfo } from '../../shared/aidge'
import type { ConnectionTestResult } from '../../shared/ipc'
import { t } from './i18n'
import en from './i18n/en'

export function connectionHeadline(r: ConnectionTestResult, trial: boolean): string {
  switch (r.problem) {
    case 'none':
      return t('explain.connection.none')
    case 'auth':
      return r.code === 'NO_CREDENTIALS' ? t('explain.connection.noCredentials') : t('explain.connection.auth')
    case 'region':
      return t('explain.connection.region')
    case 'clock':
      return t('explain.connection.clock')
    case 'quota':
      return trial ? t('explain.connection.quotaTrial') : t('explain.connection.quota')
    case 'network':
      return t('explain.connection.network')
    default:
      return t('explain.connection.other')
  }
}

type DocumentedCode = keyof typeof en.explain.code
const documented = (code: string): code is DocumentedCode => Object.hasOwn(en.explain.code, code) && Number(code) in BUSINESS_CODES

/** The documented meaning of an error's code, when there is one. */
export function errorMeaning(e: AidgeErrorInfo): string | null {
  if (e.kind === 'business' || e.kind === 'rateLimit') {
    const code = String(Number(e.code))
    if (documented(code)) {
      const meaning = t(`explain.code.${code}`)
      return BUSINESS_CODES[Number(code)]?.retryable ? t('explain.retriesItself', { meaning }) : meaning
    }
    if (e.kind === 'business') return t('explain.undocumented')
  }
  switch (e.kind) {
    case 'auth':
    case 'quota':
    case 'rateLimit':
    case 'network':
    case 'http':
    case 'malformed':
    case 'cancelled':
      return t(`explain.kind.${e.kind}`)
    default:
      return null
  }
}

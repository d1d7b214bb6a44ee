// The catalogs: both languages have the same keys (plural forms aside) with the same {{variables}}, no empty
// strings, Chinese punctuation in Chinese sentences; the language rule; Intl formatting in both languages.
import { afterEach, describe, expect, it } from 'vitest'
import { pickLanguage, resolveLanguage } from '../../src/shared/languages'
import { BUSINESS_CODES } from '../../src/shared/aidge'
import { errorMeaning } from '../../src/renderer/src/explain'
import en from '../../src/renderer/src/i18n/en'
import zhCN from '../../src/renderer/src/i18n/zh-CN'
import { i18n, t } from '../../src/renderer/src/i18n'
import { perLanguage, template } from '../../src/renderer/src/i18n/perLanguage'
import { formatBytes, formatCount, formatDateTime, formatDuration, formatRate, formatTime } from '../../src/renderer/src/format'

type Tree = { readonly [k: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v)
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv)
  }
  return out
}

const PLURAL = /_(zero|one|two|few|many|other)$/
const base = (key: string): string => key.replace(PLURAL, '')
const vars = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1] as string))].sort()

const EN = flatten(en as Tree)
const ZH = flatten(zhCN as Tree)

describe('catalogs', () => {
  it('have the same keys in both languages (a plural key needs its _other form in each)', () => {
    const enBase = new Set([...EN.keys()].map(base))
    const zhBase = new Set([...ZH.keys()].map(base))
    expect([...enBase].filter((k) => !zhBase.has(k))).toEqual([])
    expect([...zhBase].filter((k) => !enBase.has(k))).toEqual([])
    for (const k of [...EN.keys(), ...ZH.keys()].filter((k) => PLURAL.test(k))) {
      expect(EN.has(`${base(k)}_other`), `en ${base(k)}_other`).toBe(true)
      expect(ZH.has(`${base(k)}_other`), `zh-CN ${base(k)}_other`).toBe(true)
    }
  })

  it('ask for the same variables in both languages', () => {
    const problems: string[] = []
    for (const [k, zh] of ZH) {
      const english = EN.get(k) ?? EN.get(`${base(k)}_other`) ?? ''
      if (vars(english).join() !== vars(zh).join()) problems.push(`${k}: en {${vars(english)}} zh-CN {${vars(zh)}}`)
    }
    expect(problems).toEqual([])
  })

  it('have no empty strings and no untranslated Chinese sentence', () => {
    for (const [k, v] of [...EN, ...ZH]) expect(v.trim(), k).not.toBe('')
    // a Chinese value that reads like an English sentence was copied, not translated (names stay as they are)
    const SAME_IN_BOTH = new Set(['common.appName'])
    const copied = [...ZH].filter(([k, v]) => !SAME_IN_BOTH.has(k) && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(v.replace(/\{\{[^}]*\}\}/g, '')) && !/[\u4e00-\u9fff]/.test(v) && v === EN.get(k))
    expect(copied.map(([k]) => k)).toEqual([])
  })

  it('use full-width punctuation inside Chinese sentences', () => {
    const ascii = [...ZH].filter(([, v]) => /[\u4e00-\u9fff][,;:?!]|[,;?!][\u4e00-\u9fff]/.test(v))
    expect(ascii.map(([k]) => k)).toEqual([])
  })
})

describe("the vendor's error meanings", () => {
  afterEach(async () => {
    await i18n.changeLanguage('en')
  })
  it('are worded for every documented code, in both languages', async () => {
    expect(Object.keys(en.explain.code).sort()).toEqual(Object.keys(BUSINESS_CODES).sort())
    expect(errorMeaning({ kind: 'business', code: '1000', message: 'x', retryable: false })).toBe('Content has sensitive data and cannot be handled; try other input.')
    expect(errorMeaning({ kind: 'business', code: '1001', message: 'x', retryable: true })).toMatch(/retries this on its own\.$/)
    await i18n.changeLanguage('zh-CN')
    expect(errorMeaning({ kind: 'business', code: '1000', message: 'x', retryable: false })).toBe('内容含有敏感信息，无法处理；请换用其他输入。')
    expect(errorMeaning({ kind: 'business', code: '4242', message: 'x', retryable: false })).toBe('未记录在文档中的错误码。')
    expect(errorMeaning({ kind: 'network', code: 'ECONNRESET', message: 'x', retryable: true })).toBe('无法连接网关；应用会重试。')
  })
})

describe('the language rule', () => {
  it('follows the first system language the app speaks', () => {
    expect(pickLanguage(['zh-CN', 'en-US'])).toBe('zh-CN')
    expect(pickLanguage(['zh-Hans-CN'])).toBe('zh-CN')
    expect(pickLanguage(['zh'])).toBe('zh-CN')
    expect(pickLanguage(['zh_CN'])).toBe('zh-CN')
    expect(pickLanguage(['fr-CA', 'en-US', 'zh-CN'])).toBe('en')
    expect(pickLanguage(['fr-CA', 'zh-CN', 'en-US'])).toBe('zh-CN')
    expect(pickLanguage(['de-DE'])).toBe('en')
    expect(pickLanguage([])).toBe('en')
  })

  it('lets Traditional Chinese fall through to the next preference', () => {
    expect(pickLanguage(['zh-TW', 'zh-CN'])).toBe('zh-CN')
    expect(pickLanguage(['zh-Hant-HK', 'en-GB'])).toBe('en')
    expect(pickLanguage(['zh-TW'])).toBe('en')
  })

  it('puts the Settings choice over the system', () => {
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en')
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN')
    expect(resolveLanguage('system', ['zh-CN'])).toBe('zh-CN')
    expect(resolveLanguage(undefined, ['en-US'])).toBe('en')
  })
})

describe('formatting through Intl', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en')
  })
  const now = new Date(2026, 2, 14, 18, 0).getTime()

  it('in English', async () => {
    await i18n.changeLanguage('en')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB')
    expect(formatBytes(48 * 1024 * 1024)).toBe('48 MB')
    expect(formatBytes(null)).toBe('—')
    expect(formatRate(2048)).toBe('2.0 KB/s')
    expect(formatDuration(45)).toBe('45 sec')
    expect(formatDuration(200)).toBe('3 min 20 sec')
    expect(formatDuration(3900)).toBe('1 hr 5 min')
    expect(formatTime(new Date(2026, 2, 14, 14, 3).getTime(), now)).toBe('14:03')
    expect(formatTime(new Date(2026, 2, 13, 14, 3).getTime(), now)).toBe('Yesterday 14:03')
    expect(formatTime(new Date(2026, 0, 12, 9, 5).getTime(), now)).toBe('Jan 12, 09:05')
    expect(formatTime(new Date(2023, 2, 12).getTime(), now)).toBe('Mar 12, 2023')
    expect(formatDateTime(new Date(2023, 2, 12, 14, 3, 5).getTime())).toBe('Mar 12, 2023, 14:03:05')
    expect(t('common.tasks', { count: 1 })).toBe('1 task')
    expect(t('common.tasks', { count: 1200 })).toBe('1,200 tasks')
  })

  it('in Simplified Chinese', async () => {
    await i18n.changeLanguage('zh-CN')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB')
    expect(formatDuration(200)).toBe('3分钟20秒')
    expect(formatDuration(3900)).toBe('1小时5分钟')
    expect(formatTime(new Date(2026, 2, 13, 14, 3).getTime(), now)).toBe('昨天 14:03')
    expect(formatTime(new Date(2026, 0, 12, 9, 5).getTime(), now)).toBe('1月12日 09:05')
    expect(formatTime(new Date(2023, 2, 12).getTime(), now)).toBe('2023年3月12日')
    expect(formatDateTime(new Date(2023, 2, 12, 14, 3, 5).getTime())).toBe('2023年3月12日 14:03:05')
    expect(t('common.tasks', { count: 1 })).toBe('1 个任务')
    expect(t('common.tasks', { count: 1200 })).toBe('1,200 个任务')
  })
})

describe('words compiled once per language (the list rows)', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en')
  })
  it('say what t() says, in the language shown now', async () => {
    const label = template<'taskId' | 'status' | 'done' | 'total'>((v) => t('list.rowLabelImages', { taskId: v('taskId'), status: v('status'), done: v('done'), total: v('total') }))
    const word = perLanguage(() => t('list.allDownloaded'))
    const values = { taskId: 'a1', status: 'x', done: 2, total: 4 }
    for (const lng of ['en', 'zh-CN', 'en'] as const) {
      await i18n.changeLanguage(lng)
      expect(label(values)).toBe(t('list.rowLabelImages', values))
      expect(word()).toBe(t('list.allDownloaded'))
    }
    expect(label({ taskId: '{{x}}', status: '$&', done: 0, total: 1 })).toBe('{{x}}, $&, 0 of 1 images downloaded')
  })
  it('count numbers with one formatter per language, grouping as Intl does', async () => {
    expect(t('list.selected', { count: 1234 })).toBe('1,234 selected')
    expect(t('list.selected', { count: 7 })).toBe('7 selected')
    await i18n.changeLanguage('zh-CN')
    expect(t('common.tasks', { count: 98765 })).toBe('98,765 个任务')
  })
})

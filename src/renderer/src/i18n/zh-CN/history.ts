import type en from '../en/history'
import type { Catalog } from '../catalog'

const history: Catalog<typeof en> = {
  exportTitle: '导出列表',
  scopeAll: '全部任务',
  scopeStatus: '“{{status}}”的任务',
  scopeAllMatching: '所有与“{{search}}”匹配的任务',
  scopeStatusMatching: '与“{{search}}”匹配的“{{status}}”任务',
  exportsCount: '按列表当前的显示导出{{scope}}（{{count, number}} 个）。接下来由你选择保存位置。',
  exports: '按列表当前的显示导出{{scope}}。接下来由你选择保存位置。',
  format: '格式',
  csv: 'CSV（电子表格）',
  json: 'JSON',
  withUrls: '包含图片链接',
  withUrlsHint: '链接经过签名且会过期；拿到链接的任何人都能打开图片。',
  exporting: '正在导出…',
  export: '导出…',
  clearTitle: '清除旧的已完成任务',
  clearText: '从历史中移除已完成和失败的任务。已下载的文件仍保留在磁盘上。此操作无法撤销。',
  finishedMoreThan: '完成于',
  daysAgo: '天以前',
  daysInvalid: '请输入 0 到 36500 之间的天数。',
  removing: '正在移除…',
  remove: '移除任务'
}
export default history

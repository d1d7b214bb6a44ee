import type en from '../en/status'
import type { Catalog } from '../catalog'

const label = {
  queued: '排队中',
  submitted: '已提交',
  running: '生成中',
  finished: '已完成',
  failed: '失败',
  stale: '停滞',
  error: '出错'
}

const status: Catalog<typeof en> = {
  label,
  // in Chinese a status reads the same inside a sentence
  word: label,
  hint: {
    queued: '已添加，网关尚未应答',
    submitted: 'Aidge 已接受，等待运行',
    running: '正在生成',
    finished: '已完成：图片已就绪',
    failed: 'Aidge 无法生成图片',
    stale: '长时间没有进展；重新查询即可继续',
    error: '跟踪因错误而停止'
  },
  unknownHint: 'Aidge 报告的状态：{{status}}'
}
export default status

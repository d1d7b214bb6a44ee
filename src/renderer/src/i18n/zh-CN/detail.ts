import type en from '../en/detail'
import type { Catalog } from '../catalog'

const detail: Catalog<typeof en> = {
  panel: '任务详情',
  title: '任务',
  remove: '移除此任务',
  close: '关闭任务详情',
  loading: '正在加载…',
  inputPhoto: '输入照片',
  inputAlt: '创建此任务所用的服装照片',
  photo: '照片',
  fitted: ' · 已调整到限制范围内',
  parameters: '参数',
  genderGuessed: '性别自动识别',
  px: '{{size}} 像素',
  backgroundKept: ' · 保留背景',
  submitted: '提交时间',
  tracking: '跟踪中',
  querying: '正在查询…',
  queryAgain: '重新查询',
  download: '下载…',
  images: '图片',
  imagesDownloaded: '已下载 {{done}}/{{total}}',
  lastError: '最近的错误',
  whatItMeans: '含义：',
  details: '详细信息',
  message: '消息',
  none: '无',
  aidgeStatus: 'Aidge 状态',
  notAnswered: '尚未应答',
  added: '添加时间',
  finished: '完成时间',
  lastQueried: '最近查询',
  queries_other: '{{count, number}} 次查询',
  requestId: '请求 ID',
  raw: '最近的应答（原始数据）',
  noResponse: '尚未记录任何应答。',
  noImages: {
    finished: '此任务没有生成图片。',
    failed: 'Aidge 无法为此任务生成图片。',
    error: '没有图片：跟踪因错误而停止（见下文）。重新查询即可重试。',
    stale: '还没有图片：任务长时间没有进展。重新查询即可继续。',
    other: '任务完成后，图片会显示在这里。'
  }
}
export default detail

import type en from '../en/downloads'
import type { Catalog } from '../catalog'

const downloads: Catalog<typeof en> = {
  title: '下载图片',
  whatTask: '此任务的图片。',
  whatSelection_other: '所选 {{count, number}} 个任务的图片（仅已完成的）。',
  whatSelectionWait_other: '所选 {{count, number}} 个任务的图片（已完成的立即下载，其余的在完成后下载）。',
  whatMatching: '所有与“{{search}}”匹配的已完成任务。',
  whatAll: '所有已完成任务（{{count, number}} 个）。',
  labelTask: '任务图片',
  labelSelection_other: '所选 {{count, number}} 个任务',
  labelMatching: '与“{{search}}”匹配的已完成任务',
  labelAll: '所有已完成任务',
  folder: '文件夹',
  noFolder: '未选择文件夹',
  choose: '选择…',
  fileNames: '文件名',
  example: '示例：',
  variables: '可用变量：<c>{taskId}</c> <c>{index}</c> <c>{n}</c> <c>{name}</c> <c>{ext}</c> <c>{date}</c>。“/”会创建子文件夹。',
  wait: '等待未完成的任务，并在其完成后下载',
  starting: '正在开始…',
  start: '开始下载',
  panel: '下载',
  running: '· {{count, number}} 个进行中',
  expand: '展开下载列表',
  collapse: '收起下载列表',
  state: {
    running: '下载中',
    done: '已完成',
    cancelled: '已取消',
    failed: '已结束（有错误）'
  },
  batch: '下载 {{label}}',
  progress: '{{label}} 的进度',
  files: '{{done}}/{{total}} 个文件',
  left: '剩余 {{duration}}',
  already: '{{count, number}} 个已存在',
  filesFailed_other: '{{count, number}} 个文件失败',
  more: '另有 {{count, number}} 个',
  retry: '重试失败项',
  openFolder: '打开文件夹',
  manifest: {
    alternate: '此文件夹中的 {{name}} 属于其他程序，已保持原样；下载列表写在 {{alt}} 中。',
    foreign: '此文件夹中的 {{name}} 和 {{alt}} 属于其他程序，已保持原样；没有写入下载列表。'
  },
  dismiss: '关闭'
}
export default downloads

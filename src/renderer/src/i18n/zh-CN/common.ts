import type en from '../en/common'
import type { Catalog } from '../catalog'

const common: Catalog<typeof en> = {
  appName: 'Aidge Task Desk',
  none: '—',
  close: '关闭',
  cancel: '取消',
  notifications: '通知',
  dismiss: '关闭通知',
  tryAgain: '重试',
  starting: '正在启动…',
  couldNotStart: '应用无法启动：{{reason}}',
  offline: '跟踪“虚拟模特换装”任务，浏览结果图片并批量下载。此窗口未连接到应用：请从启动器打开 Aidge Task Desk。',
  tasksRegion: '任务',
  dropPhotos: '拖入服装照片或照片文件夹',
  dropIdFile: '拖入 .txt、.csv 或 .json 文件以添加其中的任务 ID',
  images_other: '{{count, number}} 张图片',
  tasks_other: '{{count, number}} 个任务'
}
export default common

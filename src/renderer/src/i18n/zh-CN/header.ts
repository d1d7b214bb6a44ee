import type en from '../en/header'
import type { Catalog } from '../catalog'

const header: Catalog<typeof en> = {
  newTasks: '新建任务',
  backToTasks: '返回任务',
  settings: '设置',
  tracking: '跟踪',
  resume: '继续',
  pause: '暂停跟踪',
  openSettings: '打开设置',
  trackingTasks_other: '正在跟踪 {{count, number}} 个任务',
  queriesPerSecond: '每秒 {{rate}} 次查询',
  upToDate: '已是最新',
  paused: '跟踪已暂停',
  waiting_other: '{{count, number}} 个任务等待中',
  rateLimited: '已被限流',
  resumingSoon: '即将恢复',
  resumingIn: '{{duration}}后恢复',
  blockedQuota: '已停止：没有额度',
  blockedCredentials: '已停止：凭据被拒绝',
  diskFull: '已暂停：磁盘已满',
  diskFullWhere: '无法在 {{folder}} 中保存历史（剩余 {{free}}）。',
  diskFullText: '请释放一些空间：跟踪会自动恢复，不会丢失任何应答。',
  stopped: '跟踪已停止'
}
export default header

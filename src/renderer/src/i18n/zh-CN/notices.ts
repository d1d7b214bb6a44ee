import type en from '../en/notices'
import type { Catalog } from '../catalog'

const notices: Catalog<typeof en> = {
  label: '历史已恢复',
  restored: '你的历史记录已损坏，已从 {{time}} 的备份中恢复。',
  restoredTasks: '该备份之后添加或更改的任务不在其中：重新添加它们的 ID 即可找回。',
  restoredSubmits: '该备份之后提交的照片也不在提交记录中：再次提交前请先核对。',
  keptDamaged: '损坏的文件已保留，未被删除：{{file}}',
  restoredFrom: '恢复自：{{file}}',
  whatWasWrong: '问题所在：{{problem}}',
  fresh: '你的历史记录已损坏，且没有可用的备份，因此已新建一个空的历史记录。',
  walTitle: '历史记录中最近的部分更改无法读取，已另行保存。',
  walIntact: '历史记录本身完好；损坏前的最后几项更改可能缺失。',
  walKept: '无法读取的部分已保留：{{file}}',
  gotIt: '知道了'
}
export default notices

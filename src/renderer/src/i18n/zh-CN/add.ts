import type en from '../en/add'
import type { Catalog } from '../catalog'

const add: Catalog<typeof en> = {
  title: '添加任务',
  inputLabel: '要添加的任务 ID',
  placeholder: '粘贴任务 ID，或任何包含任务 ID 的文本',
  hint: '每行一个、逗号分隔、CSV、JSON 或粘贴的日志均可。',
  noneYet: '尚未找到任务 ID。',
  found_other: '找到 {{count, number}} 个 ID',
  repeated: '{{found}} · {{count, number}} 个重复',
  addOne: '添加任务',
  addMany: '添加 {{count, number}} 个任务',
  importFile: '导入文件…',
  importLabel: '从文件导入任务 ID',
  dismiss: '关闭'
}
export default add

import type en from '../en/format'
import type { Catalog } from '../catalog'

const format: Catalog<typeof en> = {
  yesterdayAt: '昨天 {{time}}',
  templateEmpty: '模板为空。',
  templateUnknown: '未知变量 {{variable}}。可用变量：{{known}}'
}
export default format

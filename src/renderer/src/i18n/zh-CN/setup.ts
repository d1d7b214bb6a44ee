import type en from '../en/setup'
import type { Catalog } from '../catalog'

const setup: Catalog<typeof en> = {
  intro: '连接你的 Aidge 账号，开始跟踪任务。',
  foot: '访问密钥可在 Aidge 控制台的“API keys”中找到。除 Aidge 网关外，不会向任何地方发送数据。'
}
export default setup

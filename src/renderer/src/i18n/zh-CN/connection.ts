import type en from '../en/connection'
import type { Catalog } from '../catalog'

const connection: Catalog<typeof en> = {
  form: '连接',
  region: '区域',
  global: '国际站（api.aidc-ai.com）',
  china: '中国站（cn-api.aidc-ai.com）',
  regionHint: '签发访问密钥的站点。',
  keyName: '访问密钥名称',
  keyNamePlaceholder: '例如 512345',
  secret: '访问密钥 Secret',
  secretHint: '保存在系统钥匙串中，之后不会再显示。',
  key: '访问密钥',
  configured: '已配置',
  fromEnv: '已配置（来自环境变量）',
  changeKey: '更换密钥…',
  noKeychain: '系统钥匙串不可用：密钥只保留到应用关闭为止。',
  noKeychainWhy: '系统钥匙串不可用：密钥只保留到应用关闭为止。（{{problem}}）',
  trial: '使用免费试用额度',
  trialHint: '每次调用都会带上试用标头。账号只有试用次数时需要开启。',
  advanced: '高级',
  endpoint: '端点',
  endpointPlaceholder: '使用该区域的默认地址',
  endpointHint: '代理或测试服务器。留空则使用该区域的网关。',
  continue: '继续',
  testing: '正在测试…',
  test: '测试连接',
  continueAnyway: '仍然继续',
  save: '保存',
  saved: '已保存。',
  otherSiteChina: '如果密钥是在中国站签发的，请切换区域。',
  otherSiteGlobal: '如果密钥是在国际站签发的，请切换区域。',
  requestId: '请求 ID {{id}}'
}
export default connection

import type en from '../en/explain'
import type { Catalog } from '../catalog'

const explain: Catalog<typeof en> = {
  connection: {
    none: '已连接。网关接受了你的密钥。',
    noCredentials: '尚未保存访问密钥。请先输入密钥名称和密钥。',
    auth: '网关拒绝了该密钥：访问密钥名称或密钥不正确（密钥区分大小写）。',
    region: '该密钥不属于所选区域。请在“国际站”和“中国站”之间切换后再测试。',
    clock: '这台电脑的时钟不准，网关因此拒绝其签名请求。请在系统设置中开启自动设置日期和时间。',
    quotaTrial: '密钥有效，但已没有可用调用次数（包括免费试用）。请在 Aidge 控制台为此 API 购买资源。',
    quota: '密钥有效，但该账号已没有可用调用次数。如有试用次数，请开启“使用免费试用额度”，或在 Aidge 控制台购买资源。',
    network: '无法连接网关。请检查网络连接、代理或自定义端点。',
    other: '连接测试失败。'
  },
  code: {
    '500': '服务商系统错误。',
    '501': '超出调用频率限制。',
    '700': '输入无效：请求不符合格式要求。',
    '801': '模型失败：内部调用异常，请携带 requestId 联系 Aidge 支持。',
    '1000': '内容含有敏感信息，无法处理；请换用其他输入。',
    '1001': '内容审核失败；服务商建议重试，最多几次。',
    '1002': '内容风险过滤失败；请携带 requestId 联系 Aidge 支持。'
  },
  retriesItself: '{{meaning}}应用会自动重试。',
  undocumented: '未记录在文档中的错误码。',
  kind: {
    auth: '网关拒绝了凭据或请求时间。请在“设置”中检查密钥，并检查电脑时钟。',
    quota: '没有可用调用次数，或未开启免费试用。请在 Aidge 控制台查看额度，或在“设置”中开启试用。',
    rateLimit: '调用过于频繁：应用会放慢速度并自动恢复。',
    network: '无法连接网关；应用会重试。',
    http: '网关或代理返回了 HTTP 错误。',
    malformed: '网关返回了应用无法理解的应答。',
    cancelled: '调用已取消。'
  }
}
export default explain

import type en from '../en/errors'
import type { Catalog } from '../catalog'

const errors: Catalog<typeof en> = {
  NO_IDS: '文本中没有找到任务 ID。',
  TOO_MANY_IDS: '文本中有 {{count, number}} 个任务 ID；每次最多添加 {{max, number}} 个。',
  notFound: {
    task: '历史中没有任务 {{taskId}}。',
    image: '任务 {{taskId}} 没有第 {{n}} 张图片。',
    file: '任务 {{taskId}} 的第 {{n}} 张图片尚未下载。',
    batch: '找不到该下载记录；其文件在当时保存的文件夹中。',
    other: '该项已不存在。'
  },
  folderNotChosen: {
    download: '请先通过文件夹对话框选择下载文件夹。',
    defaultDownload: '请先通过文件夹对话框选择默认下载文件夹。'
  },
  INVALID_TEMPLATE: '{{field}}：{{problem}}。',
  INVALID_TASK_ID: '无效的任务 ID {{taskId}}：{{problem}}。',
  notATaskId: '不是任务 ID',
  INVALID_ENDPOINT: '该端点无法使用：{{detail}}',
  ENDPOINT_CHANGE_PENDING: '请先回答关于 {{host}} 的待定问题。',
  ENDPOINT_NOT_CONFIRMED: '请求仍发送到当前服务器：未确认改为发送到 {{host}}。',
  theServer: '该服务器',
  theNewServer: '新服务器',
  EXPORT_PATH_NOT_CHOSEN: '请通过保存对话框选择导出位置。',
  EXPORT_EXTENSION: '{{format}} 格式的导出文件名必须以 .{{ext}} 结尾；未写入任何内容。',
  TOO_MANY_BATCHES: '已有 {{max, number}} 个下载正在进行或等待；请在部分完成后再开始此下载。',
  DOWNLOAD_CONCURRENCY_ABOVE_MAX: '起始同时下载的文件数（{{concurrency, number}}）不能大于上限（{{maxConcurrency, number}}）。',
  INVALID_PAYLOAD: '应用拒绝了来自此窗口的请求（{{detail}}）',
  PAYLOAD_TOO_LARGE: '应用拒绝了来自此窗口的请求：请求过大。',
  UNTRUSTED_SENDER: '应用拒绝了一个并非来自其窗口的请求。',
  ENOSPC: '磁盘已满。',
  DISK_FULL: '磁盘已满：无法在 {{folder}} 中保存历史。请释放一些空间后重试。',
  DISK_FULL_FREE: '磁盘已满：无法在 {{folder}} 中保存历史（剩余 {{free}}）。请释放一些空间后重试。',
  historyProblem: '无法使用历史文件（{{code}}）：{{detail}}',
  ENOENT: '该文件或文件夹不存在。',
  EACCES: '无法写入该文件或文件夹（权限被拒绝）。',
  INTERNAL: '应用内部出错；详细信息记录在日志中。',
  UNKNOWN_CHANNEL: '未知请求。',
  NO_BRIDGE: '此窗口未连接到应用。请从启动器打开 Aidge Task Desk。',
  IPC_FAILED: '应用没有响应。请稍后重试。',
  BAD_RESULT: '应用返回了窗口无法理解的应答。',
  NOT_A_URL: '这不是一个 URL。',
  HTTPS_ONLY: '只会打开 https 链接。',
  LINK_NOT_ALLOWED: '只会打开 Aidge 文档、控制台以及本应用自身页面的链接。',
  DROP_SIZE: '{{name}}：照片最大 4 MB（调整功能最多读取 64 MB）。',
  PHOTO_NOT_CHOSEN: '请通过文件对话框添加照片，或将照片拖到窗口中。',
  NOT_UNKNOWN: '该照片的结果已不再是未知。',
  BAD_PARAMS: '参数不被接受：{{detail}}',
  credentials: {
    keychain: '系统钥匙串没有响应：{{detail}}',
    other: '无法保存访问密钥：{{detail}}'
  },
  photo: {
    unreadable: {
      ENOENT: '无法读取照片 {{path}}：文件不存在。',
      EISDIR: '无法读取照片 {{path}}：这是一个文件夹。',
      EACCES: '无法读取照片 {{path}}：权限被拒绝。',
      other: '无法读取照片 {{path}}：{{detail}}'
    },
    damaged: '该 {{format}} 文件已损坏或不完整。',
    notImage: '该文件不是服务商接受的图片（JPEG、PNG、BMP 或 WEBP）。',
    otherType: '该照片不是 JPEG、PNG、BMP 或 WEBP 格式（服务商接受的格式）。',
    tooBig: '照片大小为 {{size}}；上限为 4 MB。',
    tooBigToRead: '文件大小为 {{size}}；照片最大 4 MB（调整功能最多读取 64 MB）。',
    pixels: '照片为 {{width}}x{{height}} 像素；必须大于 {{min}}x{{min}} 且小于 {{max}}x{{max}} 像素。',
    cannotFit: '无法在保持大于 {{min}}x{{min}} 且小于 {{max}}x{{max}} 像素的同时，将照片（{{width}}x{{height}}）压缩到 4 MB 以内。',
    url: {
      NOT_A_URL: '{{url}}：不是 URL。',
      NOT_HTTP: '{{url}}：只能向服务商提供 http 和 https URL。',
      TOO_LONG: '{{url}}：超过 2048 个字符。'
    },
    storedParams: '此照片保存的参数无法读取；请重新选择。'
  }
}
export default errors

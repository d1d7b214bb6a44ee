import type en from '../en/images'
import type { Catalog } from '../catalog'

const images: Catalog<typeof en> = {
  images: '图片',
  open: '打开第 {{n}} 张图片',
  image: '第 {{n}} 张图片',
  showInFolderOf: '在文件夹中显示第 {{n}} 张图片',
  showInFolder: '在文件夹中显示',
  noPreview: '无预览',
  preview: '第 {{n}} 张图片的预览',
  downloaded: '已下载',
  downloadedSize: '已下载 · {{size}}',
  downloading: '正在下载…',
  failed: '下载失败',
  failedWhy: '下载失败：{{reason}}',
  notDownloaded: '未下载',
  nOfTotal: '第 {{n}} 张，共 {{total}} 张',
  closeViewer: '关闭图片查看器',
  previous: '上一张',
  next: '下一张',
  loadFailed: '无法加载图片：{{reason}}',
  missingFile: '文件缺失或不是图片',
  loading: '正在加载图片',
  alt: '任务 {{taskId}} 的第 {{n}} 张图片',
  size: '图片尺寸',
  sizeUnknown: '尺寸未知'
}
export default images

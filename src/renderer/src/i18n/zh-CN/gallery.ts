import type en from '../en/gallery'
import type { Catalog } from '../catalog'

const gallery: Catalog<typeof en> = {
  view: { list: '列表', gallery: '图库', switchLabel: '显示方式', toggleHint: '在列表和图库之间切换（{{keys}}）' },
  grid: {
    label: '图库',
    image: '任务 {{taskId}} 的第 {{n}} 张图片',
    open: '打开任务 {{taskId}} 的第 {{n}} 张图片',
    loading: '正在加载图片…',
    empty: '还没有图片',
    emptyHint: '已完成任务的图片会显示在这里。',
    noMatch: '没有匹配的图片',
    loadError: '无法加载图库：{{error}}',
    noPreview: '无预览',
    noPreviewHint: '链接可能已过期：打开图片即可重新获取。',
    images_other: '{{count, number}} 张图片',
    input: '输入照片'
  },
  modes: { label: '排列方式', flat: '全部图片', grouped: '按任务分组' },
  selection: {
    count_other: '已选择 {{count, number}} 张图片',
    total_other: '{{count, number}} 张图片',
    clear: '清除选择',
    selectAll: '全选 {{count, number}} 张',
    download: '下载…'
  },
  download: {
    what_other: '所选的 {{count, number}} 张图片。',
    label_other: '所选的 {{count, number}} 张图片'
  },
  compare: {
    label: '与输入照片对比',
    result: '结果',
    side: '并排',
    slider: '滑块',
    before: '输入照片',
    after: '结果',
    position: '前后对比：输入照片显示的比例',
    inputAlt: '任务 {{taskId}} 所用的服装照片',
    noInput: '无法获取输入照片。'
  },
  lightbox: { of: '图库中第 {{n, number}} 张，共 {{total, number}} 张' }
}
export default gallery

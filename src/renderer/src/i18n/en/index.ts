// English: the source of every key. Add a string here first, then in ../zh-CN (the typecheck says where).
import common from './common'
import format from './format'
import settings from './settings'

const en = { common, format, settings } as const
export default en

// English: the source of every key. Add a string here first, then in ../zh-CN (the typecheck says where).
import common from './common'
import explain from './explain'
import format from './format'
import header from './header'
import list from './list'
import settings from './settings'
import setup from './setup'
import status from './status'

const en = { common, explain, format, header, list, settings, setup, status } as const
export default en

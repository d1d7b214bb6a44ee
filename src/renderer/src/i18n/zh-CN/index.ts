// 简体中文. Each area's file is typed against the English one (Catalog), so a missing or extra key fails the typecheck.
import type en from '../en'
import type { Catalog } from '../catalog'
import common from './common'
import format from './format'
import settings from './settings'

const zhCN: Catalog<typeof en> = { common, format, settings }
export default zhCN

// 简体中文. Each area's file is typed against the English one (Catalog), so a missing or extra key fails the typecheck.
import type en from '../en'
import type { Catalog } from '../catalog'
import common from './common'
import explain from './explain'
import format from './format'
import header from './header'
import list from './list'
import settings from './settings'
import setup from './setup'
import status from './status'

const zhCN: Catalog<typeof en> = { common, explain, format, header, list, settings, setup, status }
export default zhCN

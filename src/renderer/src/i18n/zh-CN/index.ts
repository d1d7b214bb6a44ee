// 简体中文. Each area's file is typed against the English one (Catalog), so a missing or extra key fails the typecheck.
import type en from '../en'
import type { Catalog } from '../catalog'
import add from './add'
import common from './common'
import connection from './connection'
import downloads from './downloads'
import explain from './explain'
import format from './format'
import header from './header'
import images from './images'
import list from './list'
import notices from './notices'
import settings from './settings'
import setup from './setup'
import status from './status'

const zhCN: Catalog<typeof en> = { add, common, connection, downloads, explain, format, header, images, list, notices, settings, setup, status }
export default zhCN

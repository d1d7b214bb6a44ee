// 简体中文. Each area's file is typed against the English one (Catalog), so a missing or extra key fails the typecheck.
import type en from '../en'
import type { Catalog } from '../catalog'
import add from './add'
import common from './common'
import connection from './connection'
import detail from './detail'
import downloads from './downloads'
import errors from './errors'
import explain from './explain'
import format from './format'
import gallery from './gallery'
import header from './header'
import history from './history'
import images from './images'
import list from './list'
import notices from './notices'
import settings from './settings'
import setup from './setup'
import status from './status'
import submit from './submit'

const zhCN: Catalog<typeof en> = { add, common, connection, detail, downloads, errors, explain, format, gallery, header, history, images, list, notices, settings, setup, status, submit }
export default zhCN

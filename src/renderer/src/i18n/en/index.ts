// English: the source of every key. Add a string here first, then in ../zh-CN (the typecheck says where).
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
import messages from './messages'
import notices from './notices'
import settings from './settings'
import setup from './setup'
import status from './status'
import submit from './submit'

const en = { add, common, connection, detail, downloads, errors, explain, format, gallery, header, history, images, list, messages, notices, settings, setup, status, submit } as const
export default en

export type { WindowApi } from '../shared/ipc'

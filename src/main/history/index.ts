// Public surface of the history store. Plain Node: no 'electron' import anywhere under this folder.
export { openHistoryStore } from './historyStore'
export { openHistory, type OpenedHistory } from './recovery'
export { BACKUPS_DIR_NAME, BACKUPS_KEPT, backupsDirOf, checkFile, listBackups, type BackupInfo } from './backups'
export { freeBytes, isDamageCause, isDiskFullCause } from './storage'
export { HistoryStoreError, isHistoryDiskFull, type HistoryErrorCode } from './errors'
export { HISTORY_FILE_NAME } from './database'
export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'
export { expiresAtOf } from './rows'
export { createGalleryQueries, type GalleryQueries } from './galleryQuery'
export { DOWNLOAD_STATES, TRACKING_STATES } from './types'
export type {
  DisplayStatus,
  DownloadState,
  HistoryStore,
  HistoryStoreOptions,
  ImageDownloadUpdate,
  ImageRecord,
  ImagesToDownloadFilter,
  IterateTasksOptions,
  ListTasksQuery,
  PendingImage,
  QueryRecordInput,
  RecordQueryResult,
  StatusCounts,
  TaskFilter,
  TaskPage,
  TaskRecord,
  TaskSort,
  TaskWithImages,
  TrackingState
} from './types'

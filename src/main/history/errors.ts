export type HistoryErrorCode =
  /** the file was written by a newer version of the app */
  | 'SCHEMA_TOO_NEW'
  /** a migration failed; the file is left at its previous version */
  | 'MIGRATION_FAILED'
  | 'INVALID_ARGUMENT'
  /** the store was closed */
  | 'CLOSED'
  /** the disk (or the user's quota) is full: nothing was written; `folder` and `freeBytes` say where and how much */
  | 'DISK_FULL'
  /** the file is damaged (not a database, malformed, or failing its check) */
  | 'DAMAGED'
  /** a backup could not be written or read */
  | 'BACKUP_FAILED'

export class HistoryStoreError extends Error {
  /** the folder a DISK_FULL error is about */
  readonly folder?: string
  /** free bytes in that folder when the write failed (null when unknown) */
  readonly freeBytes?: number | null

  constructor(
    readonly code: HistoryErrorCode,
    message: string,
    options?: { cause?: unknown; folder?: string; freeBytes?: number | null }
  ) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined)
    this.name = 'HistoryStoreError'
    if (options?.folder !== undefined) this.folder = options.folder
    if (options?.freeBytes !== undefined) this.freeBytes = options.freeBytes
  }
}

export function isHistoryDiskFull(e: unknown): e is HistoryStoreError & { folder: string } {
  return e instanceof HistoryStoreError && e.code === 'DISK_FULL'
}

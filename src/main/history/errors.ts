export type HistoryErrorCode =
  /** the file was written by a newer version of the app */
  | 'SCHEMA_TOO_NEW'
  /** a migration failed; the file is left at its previous version */
  | 'MIGRATION_FAILED'
  | 'INVALID_ARGUMENT'
  /** the store was closed */
  | 'CLOSED'

export class HistoryStoreError extends Error {
  constructor(
    readonly code: HistoryErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'HistoryStoreError'
  }
}

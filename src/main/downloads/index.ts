// Public surface of the batch downloader and the image cache. Plain Node: no 'electron' import under this folder.
export { createDownloader, downloadClock, DEFAULT_CONCURRENCY, DEFAULT_RETRY, type Downloader } from './downloader'
export { DownloadBatch } from './batch'
export { createImageCache, type ImageCache, type ImageCacheOptions } from './imageCache'
export { createHttpFetcher, type FetchRequest, type FetchResponse, type HttpFetcherOptions, type ImageFetcher } from './httpFetcher'
export { DownloadError, isDownloadError, type DownloadErrorCode } from './errors'
export {
  DEFAULT_TEMPLATE,
  MAX_COMPONENT_BYTES,
  describeUrl,
  originalFileName,
  renderFileName,
  sanitizeComponent,
  stripQuery,
  validateTemplate,
  type NameVars
} from './fileNames'
export { sniffImageType, type ImageExt } from './imageType'
export { MANIFEST_NAME, readManifest, verifyManifest, type Manifest, type ManifestEntry, type ManifestCheck } from './manifest'
export { nodeIo, isPartFileName, type DownloadIo, type PartWriter } from './partFile'
export type { BatchProgress } from './progress'
export type { FetchEnv, RetryPolicy } from './fetchImage'
export { refreshWithClient, refreshWithRequery, type TaskQuerier } from './refresh'
export type {
  BatchEvents,
  BatchReport,
  BatchRequest,
  DownloaderOptions,
  FileEvent,
  FileOutcome,
  FileStatus,
  RefreshTask,
  TaskNote
} from './types'
export {
  DownloadService,
  followTaskUpdates,
  type DownloadServiceEvents,
  type DownloadServiceOptions,
  type StartOptions,
  type TaskUpdateSource
} from './downloadService'
export { AutoDownload, AUTO_BATCH_MS, type AutoDownloadDeps } from './autoDownload'
export { openPendingBatches, type PendingBatches, type PendingBatchesOptions } from './pendingBatches'
export { checkImageUrl, imageHostsFor, LOCAL_ENDPOINT_HOSTS, MAX_REDIRECTS, PUBLIC_HOSTS_ONLY, type ImageHostPolicy } from './imageHosts'
export { DEFAULT_MAX_IMAGE_BYTES } from './fetchImage'

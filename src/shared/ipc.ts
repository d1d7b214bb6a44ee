// The one IPC contract: every request channel (domain:verb) with its argument and result types, and every push
// event. The preload, ipc.ts, the handler table and the test harness all derive from these tables; a channel
// string is written once, here.
import type { AidgeErrorKind, Region } from './aidge'
import type { GalleryLayout, GalleryTask, ListTasksQuery, StatusCounts, TaskFilter, TaskPage, TaskRecord, TaskWithImages } from './history'
import type { StartupNotice } from './notices'
import type { AutoDownloadSkipped, DownloadProgressView, DownloadRequest } from './downloads'
import type { AppSettings, SettingsPatch } from './settings'
import type { BalanceView, PhotoView, SubmissionRecord, SubmitParams, TaskInputView } from './submit'
import type { TrackingStatus } from './tracking'

export interface CredentialStatusView {
  configured: boolean
  accessKeyName: string | null
  backend: 'keychain' | 'memory' | 'env'
  persistent: boolean
  problem: string | null
}

/** What "Test connection" found, in words a person can act on. */
export interface ConnectionTestResult {
  ok: boolean
  /** none | auth | quota | region | clock | network | other */
  problem: 'none' | 'auth' | 'quota' | 'region' | 'clock' | 'network' | 'other'
  /** the gateway's own words for what it refused (empty when connected); the renderer words the problem */
  message: string
  /** the error's code (NO_CREDENTIALS, the gateway's code), null when connected */
  code: string | null
  /** the other region, when the key may have been issued there (a refused key on a region's own endpoint) */
  otherRegion: Region | null
  balance: number | null
  requestId: string | null
}

export interface AddTasksView {
  added: string[]
  existing: string[]
  /** repeats inside the pasted text, folded */
  duplicates: number
}

export interface TaskDetail extends TaskWithImages {
  /** the raw last response, for troubleshooting (signed URLs included: shown only on request) */
  lastResponse: string | null
  /** the photo the task was created from here, or null */
  input: TaskInputView | null
}

/** One photo to submit: a path main granted (its own dialog or its copy of a drop) or an http(s) URL. */
export interface SubmitPhotoRequest {
  input: string
  params: SubmitParams
  fit: boolean
}

export interface MediaRequest {
  taskId: string
  index: number
  kind: 'thumb' | 'full'
}

export interface ExportRequest {
  format: 'csv' | 'json'
  filter?: TaskFilter
  withUrls?: boolean
  /** where to write; the main process asks with a save dialog when absent */
  path?: string
}

export type { AutoDownloadSkipped, DownloadFailureView, DownloadProgress, DownloadProgressView, DownloadRequest, ImageRef } from './downloads'

type Channel<A extends unknown[], R> = { args: A; result: R }

export interface IpcChannels {
  /** `languages`: the operating system's preferred languages, most preferred first (BCP 47), as Electron reports them */
  'app:info': Channel<[], { name: string; version: string; dataDir: string; languages: string[] }>
  /** what happened at start that the user must be told (a damaged history restored...); codes and data, no words */
  'app:notices': Channel<[], StartupNotice[]>
  'credentials:status': Channel<[], CredentialStatusView>
  'credentials:set': Channel<[{ accessKeyName: string; secret: string }], CredentialStatusView>
  'credentials:clear': Channel<[], CredentialStatusView>
  'credentials:test': Channel<[], ConnectionTestResult>
  'settings:get': Channel<[], AppSettings>
  'settings:update': Channel<[SettingsPatch], AppSettings>
  'tasks:add': Channel<[{ text: string }], AddTasksView>
  'tasks:list': Channel<[ListTasksQuery], TaskPage>
  'tasks:counts': Channel<[], StatusCounts>
  /** the gallery's layout for a filter: each matching task with images, its image count */
  'gallery:layout': Channel<[TaskFilter], GalleryLayout>
  /** tasks with images matching a filter, offset/limit counted over those tasks (the layout's order) */
  'gallery:tasks': Channel<[ListTasksQuery], { tasks: GalleryTask[] }>
  'tasks:get': Channel<[{ taskId: string }], TaskDetail | null>
  'tasks:requery': Channel<[{ taskId: string }], TaskRecord | null>
  'tasks:remove': Channel<[{ taskIds: string[] }], { removed: number }>
  'tasks:clearFinished': Channel<[{ olderThanDays: number }], { removed: number }>
  'tasks:export': Channel<[ExportRequest], { path: string | null; count: number }>
  'tracking:status': Channel<[], TrackingStatus>
  'tracking:pause': Channel<[], TrackingStatus>
  'tracking:resume': Channel<[], TrackingStatus>
  'downloads:start': Channel<[DownloadRequest], { batchId: string }>
  'downloads:cancel': Channel<[{ batchId: string }], { cancelled: boolean }>
  'downloads:status': Channel<[], DownloadProgressView[]>
  'media:url': Channel<[MediaRequest], { url: string }>
  'shell:chooseFolder': Channel<[{ defaultPath?: string }], { path: string | null }>
  'shell:revealFile': Channel<[{ taskId: string; index: number }], { revealed: boolean }>
  /** opens the folder a download batch wrote to, in the file manager */
  'shell:openFolder': Channel<[{ batchId: string }], { opened: boolean }>
  'shell:openExternal': Channel<[{ url: string }], { opened: boolean }>
  /** main's own file or folder dialog; the chosen photos become submittable, each with its check */
  'submit:choosePhotos': Channel<[{ kind: 'files' | 'folder' }], { photos: PhotoView[] }>
  /** a photo dropped on the window: its bytes (Base64), kept by main under its data folder */
  'submit:addDropped': Channel<[{ name: string; base64: string }], PhotoView>
  'submit:start': Channel<[{ photos: SubmitPhotoRequest[]; again: boolean }], { batchId: string; submissions: SubmissionRecord[] }>
  'submit:list': Channel<[], SubmissionRecord[]>
  /** the user found the task a lost answer created */
  'submit:resolveUnknown': Channel<[{ id: number; taskId: string }], SubmissionRecord>
  /** the submit API's balance: auto asks the vendor at most once a day, otherwise on demand */
  'submit:balance': Channel<[{ auto: boolean }], BalanceView | null>
}

export type ChannelName = keyof IpcChannels
export type ChannelArgs<C extends ChannelName> = IpcChannels[C]['args']
export type ChannelResult<C extends ChannelName> = IpcChannels[C]['result']

/** Every channel, at run time (the preload and the harness expose exactly these). */
export const CHANNELS = [
  'app:info',
  'app:notices',
  'credentials:status',
  'credentials:set',
  'credentials:clear',
  'credentials:test',
  'settings:get',
  'settings:update',
  'tasks:add',
  'tasks:list',
  'tasks:counts',
  'gallery:layout',
  'gallery:tasks',
  'tasks:get',
  'tasks:requery',
  'tasks:remove',
  'tasks:clearFinished',
  'tasks:export',
  'tracking:status',
  'tracking:pause',
  'tracking:resume',
  'downloads:start',
  'downloads:cancel',
  'downloads:status',
  'media:url',
  'shell:chooseFolder',
  'shell:revealFile',
  'shell:openFolder',
  'shell:openExternal',
  'submit:choosePhotos',
  'submit:addDropped',
  'submit:start',
  'submit:list',
  'submit:resolveUnknown',
  'submit:balance'
] as const satisfies readonly ChannelName[]

/** What the application menu asks the page to do (the menu lives in main; the page owns the screens). An import
 * arrives with the text of the file the user picked in main's open dialog. */
export type MenuCommand =
  | { command: 'addTasks' }
  | { command: 'import'; fileName: string; text: string }
  | { command: 'export' }
  | { command: 'settings' }
  /** switches the tasks view between the list and the gallery */
  | { command: 'toggleGallery' }

export interface IpcEvents {
  'task:updated': TaskRecord
  'tracking:state': TrackingStatus
  'download:progress': DownloadProgressView
  'download:done': DownloadProgressView
  /** auto-download is on but could not start (said once until it can) */
  'download:autoSkipped': AutoDownloadSkipped
  'menu:command': MenuCommand
  'submission:updated': SubmissionRecord
}
export type EventName = keyof IpcEvents
export const EVENTS = ['task:updated', 'tracking:state', 'download:progress', 'download:done', 'download:autoSkipped', 'menu:command', 'submission:updated'] as const satisfies readonly EventName[]

/** A typed error the UI can show: the Aidge taxonomy plus the IPC layer's own kinds. */
/** The parameters of an error, for the renderer to word it (the folder asked for, the task, the host...). */
export type IpcErrorData = Readonly<Record<string, string | number | boolean | null>>

export interface IpcError {
  kind: AidgeErrorKind | 'invalidInput' | 'notFound' | 'forbidden' | 'unavailable' | 'internal'
  /** what went wrong, for the renderer to word (src/renderer/src/lib/errorText.ts) */
  code: string
  /** the code's parameters */
  data?: IpcErrorData
  /** a diagnostic line in English (logs; the words of the vendor or the OS for codes the renderer does not know) */
  message: string
  retryable: boolean
  requestId?: string
  taskId?: string
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

/** What window.api is: one typed invoke over the channel table, one typed subscription over the events. */
export interface WindowApi {
  invoke<C extends ChannelName>(channel: C, ...args: ChannelArgs<C>): Promise<IpcResult<ChannelResult<C>>>
  /** returns the unsubscribe function */
  on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}

/** The IPC names used on the wire: requests go to `ipc:<channel>`, events come on `event:<name>`. */
export const wireChannel = (c: ChannelName): string => `ipc:${c}`
export const wireEvent = (e: EventName): string => `event:${e}`

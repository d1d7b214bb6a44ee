import { isAbsolute } from 'node:path'
import { z } from 'zod'
import type { ChannelArgs, ChannelName } from '../../shared/ipc'
import { taskIdProblem } from '../../shared/taskIds'
import { settingsPatchSchema } from '../settings'
import { MAX_IMAGES_PER_PHOTO } from '../../shared/submit'
import { MAX_IDS_PER_REQUEST } from './payloadSize'
import { MAX_IMAGES_PER_REQUEST } from '../../shared/downloads'

// Every payload from the renderer is checked against these before a handler sees it (never trust the renderer).
// Strings are bounded so a hostile page cannot make main allocate or scan megabytes.

// The one task id rule (src/shared/taskIds.ts), applied before a handler sees the id. It checks the length first,
// so a hostile megabyte string costs nothing to refuse.
const taskId = z.string().superRefine((id, ctx) => {
  const problem = taskIdProblem(id)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
})
const index = z.number().int().min(0).max(999)
// Paths come from the main process's own dialogs: always absolute. A relative one would resolve against wherever
// the app happens to run.
const path = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => isAbsolute(p) && !p.includes('\0'), { error: 'must be an absolute path' })
const statusName = z.string().min(1).max(32)
// Bounds only; the rules of each field are submitParamsProblem's, checked by the queue.
const freeText = z.string().min(1).max(64)
const submitParams = z
  .object({
    model: freeText,
    gender: freeText.nullable(),
    age: freeText,
    bgStyle: freeText,
    dimension: freeText,
    count: z.number().int().min(1).max(MAX_IMAGES_PER_PHOTO),
    keepBackground: z.boolean()
  })
  .strict()

const taskFilter = z
  .object({
    status: z.union([statusName, z.array(statusName).max(16)]).optional(),
    search: z.string().max(200).optional(),
    sort: z.enum(['addedDesc', 'addedAsc', 'finishedDesc']).optional()
  })
  .strict()

const listQuery = taskFilter.extend({ limit: z.number().int().min(1).max(1000), offset: z.number().int().min(0).max(10_000_000).optional() }).strict()

const none = z.tuple([])
const one = <T extends z.ZodType>(t: T) => z.tuple([t])

type Schemas = { [C in ChannelName]: z.ZodType<ChannelArgs<C>> }

export const channelSchemas: Schemas = {
  'app:info': none,
  'app:notices': none,
  'credentials:status': none,
  'credentials:set': one(z.object({ accessKeyName: z.string().min(1).max(128), secret: z.string().min(1).max(256) }).strict()),
  'credentials:clear': none,
  'credentials:test': none,
  'settings:get': none,
  'settings:update': one(settingsPatchSchema),
  'tasks:add': one(z.object({ text: z.string().max(2_000_000) }).strict()),
  'tasks:list': one(listQuery),
  'tasks:counts': none,
  'gallery:layout': one(taskFilter),
  'gallery:tasks': one(listQuery),
  'tasks:get': one(z.object({ taskId }).strict()),
  'tasks:requery': one(z.object({ taskId }).strict()),
  'tasks:remove': one(z.object({ taskIds: z.array(taskId).min(1).max(MAX_IDS_PER_REQUEST) }).strict()),
  'tasks:clearFinished': one(z.object({ olderThanDays: z.number().min(0).max(36500) }).strict()),
  'tasks:export': one(
    z.object({ format: z.enum(['csv', 'json']), filter: taskFilter.optional(), withUrls: z.boolean().optional(), path: path.optional() }).strict()
  ),
  'tracking:status': none,
  'tracking:pause': none,
  'tracking:resume': none,
  'downloads:start': one(
    z
      .object({
        taskIds: z.array(taskId).max(MAX_IDS_PER_REQUEST).optional(),
        // the gallery's selection: each image once (the renderer sends a larger one as several batches)
        images: z
          .array(z.object({ taskId, index }).strict())
          .min(1)
          .max(MAX_IMAGES_PER_REQUEST)
          .refine((list) => new Set(list.map((i) => `${i.taskId}/${i.index}`)).size === list.length, { error: 'lists an image twice' })
          .optional(),
        filter: taskFilter.optional(),
        folder: path,
        template: z.string().min(1).max(256).optional(),
        waitForUnfinished: z.boolean().optional()
      })
      .strict()
  ),
  'downloads:cancel': one(z.object({ batchId: z.string().min(1).max(64) }).strict()),
  'downloads:status': none,
  'media:url': one(z.object({ taskId, index, kind: z.enum(['thumb', 'full']) }).strict()),
  'shell:chooseFolder': one(z.object({ defaultPath: path.optional() }).strict()),
  'shell:revealFile': one(z.object({ taskId, index }).strict()),
  'shell:openFolder': one(z.object({ batchId: z.string().min(1).max(64) }).strict()),
  'shell:openExternal': one(z.object({ url: z.string().min(1).max(4096) }).strict()),
  'submit:choosePhotos': one(z.object({ kind: z.enum(['files', 'folder']) }).strict()),
  // 64 MB of photo as Base64 at most (main refuses more than fit would read anyway)
  'submit:addDropped': one(z.object({ name: z.string().min(1).max(255), base64: z.string().min(1).max(90_000_000) }).strict()),
  'submit:start': one(
    z
      .object({
        photos: z
          .array(z.object({ input: z.string().min(1).max(4096), params: submitParams, fit: z.boolean() }).strict())
          .min(1)
          .max(1000),
        again: z.boolean()
      })
      .strict()
  ),
  'submit:list': none,
  'submit:resolveUnknown': one(z.object({ id: z.number().int().min(1), taskId }).strict()),
  'submit:balance': one(z.object({ auto: z.boolean() }).strict())
}

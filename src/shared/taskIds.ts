// Task id rules shared by the client (validate before any call), the CLI (ids from stdin) and the UI (pasted text).

export const MAX_TASK_ID_LENGTH = 128

/** One unacceptable id: what was given, and why it is refused (a code and the words of taskIdProblem). */
export interface InvalidTaskId {
  input: string
  problem: string
}

/** Ids that are not acceptable, every one named: the history store throws it before it changes anything. */
export class TaskIdError extends Error {
  readonly code = 'INVALID_TASK_ID'
  /** the first invalid id (for callers that handle one id) */
  readonly taskId: string
  constructor(readonly invalid: readonly InvalidTaskId[]) {
    super(invalid.map((i) => `Invalid task id ${shownId(i.input)}: ${i.problem}.`).join('\n'))
    this.name = 'TaskIdError'
    this.taskId = invalid[0]?.input ?? ''
  }
}

/** An id as a message shows it: quoted, escaped, shortened. */
export function shownId(id: string): string {
  return JSON.stringify(id.length > 60 ? `${id.slice(0, 57)}...` : id)
}

/**
 * The one rule for task ids: why an id is not acceptable, in words a person can act on; null when it is fine.
 * The IPC schema and the history store apply it; everything that reaches either trusts it.
 */
export function taskIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'a task id must be a string'
  if (id.length === 0) return 'the task id is empty'
  if (id.length > MAX_TASK_ID_LENGTH) {
    return `the task id is ${id.length} characters long; at most ${MAX_TASK_ID_LENGTH} are allowed`
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(id)
  if (control) return `the task id contains a control character at position ${control.index + 1}`
  const space = /\s/.exec(id)
  if (space) return `the task id contains white space at position ${space.index + 1}`
  return null
}

/** Throws one TaskIdError naming every unacceptable id; returns the ids when all are fine. */
export function validateTaskIds<T extends readonly unknown[]>(ids: T): T & readonly string[] {
  const invalid: InvalidTaskId[] = []
  for (const id of ids) {
    const problem = taskIdProblem(id)
    if (problem !== null) invalid.push({ input: typeof id === 'string' ? id : String(id), problem })
  }
  if (invalid.length > 0) throw new TaskIdError(invalid)
  return ids as T & readonly string[]
}

/** validateTaskIds for one id. */
export function validateTaskId(id: unknown): string {
  return validateTaskIds([id])[0] as string
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
// Free-form id-like tokens: letters, digits, '-' and '_', at least 8 long, with at least one digit, so that
// words around the ids in pasted text ("task", "finished") are not taken for ids.
const TOKEN = /[A-Za-z0-9][A-Za-z0-9_-]{7,127}/g

export interface ExtractedIds {
  /** distinct ids in the order they first appear */
  ids: string[]
  /** how many id occurrences were repeats */
  duplicates: number
}

/**
 * Pulls task ids out of any text: one per line, comma separated, JSON, CSV, or a pasted log. When the text holds
 * UUID-shaped ids (the vendor's form), only those are taken; else, when every line is one id, the lines are;
 * otherwise id-like tokens (with a digit) are.
 */
export function extractTaskIds(text: string): ExtractedIds {
  const uuids = text.match(UUID)
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')
  // One id per line, whatever it looks like, when every line is a single acceptable id.
  const oneIdPerLine = lines.length > 0 && lines.every((l) => /^[^\s,;"'`]+$/.test(l) && taskIdProblem(l) === null)
  const found = uuids ?? (oneIdPerLine ? lines : (text.match(TOKEN) ?? []).filter((t) => /\d/.test(t) && !/^\d{1,7}$/.test(t)))
  const seen = new Set<string>()
  let duplicates = 0
  for (const raw of found) {
    const id = uuids ? raw.toLowerCase() : raw
    if (seen.has(id)) duplicates++
    else seen.add(id)
  }
  return { ids: [...seen], duplicates }
}

// The CLI's own words for what stopped a command, and the exit code it means. Main's errors carry a code and
// their parameters (TaskIdError.invalid...); the CLI says them its way, as the renderer does in its own.
import { EndpointError } from '../main/aidge/endpoint'
import { CredentialStoreError } from '../main/credentials'
import { TaskIdError } from '../shared/taskIds'
import { UsageError } from './args'

const USAGE_HINT = 'run `aidge-tasks --help` for usage'

/** What to print after `aidge-tasks: `, and whether it is a usage/configuration error (exit 2) or a failure (1). */
export function cliErrorText(e: unknown): { text: string; usage: boolean } {
  if (e instanceof TaskIdError) {
    // every bad id named, as the user typed it (shortened); nothing was added
    const lines = e.invalid.map((i) => `invalid task id ${JSON.stringify(i.input.slice(0, 60))}: ${i.problem}`)
    return { text: `${lines.join('\n')}\n${USAGE_HINT}`, usage: true }
  }
  if (e instanceof UsageError) return { text: `${e.message}\n${USAGE_HINT}`, usage: true }
  if (e instanceof EndpointError || e instanceof CredentialStoreError) return { text: e.message, usage: true }
  return { text: e instanceof Error ? e.message : String(e), usage: false }
}

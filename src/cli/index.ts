import { defaultDataDir } from '../main/dataDir'
import { createServices } from '../main/services'
import { connectionOf, parseCli, USAGE } from './args'
import { cliErrorText } from './errorText'
import { noticeText } from './notices'
import { doctorCommand } from './doctor'
import { credentialsCommand, downloadCommand, EXIT, exportCommand, historyCommand, queryCommand, watchCommand, type CliIo } from './commands'
import { balanceCommand, submitCommand } from './submit'

async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** aidge-tasks: the headless entry on the same services as the app. Returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let onSignal: () => void = () => undefined
  // Ctrl-C (and a polite SIGTERM) stop cleanly: the poller is stopped and history closed before exiting 130.
  const interrupted = new Promise<void>((resolve) => {
    onSignal = resolve
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, readStdin, interrupted }
  let services: Awaited<ReturnType<typeof createServices>> | null = null
  try {
    const args = parseCli(argv, env)
    if (args.command === 'help') {
      process.stdout.write(USAGE + '\n')
      return EXIT.ok
    }
    // Before the services: the doctor looks at the files as they are, and must not repair (move) them first.
    if (args.command === 'doctor') return await doctorCommand(args, env, io)
    services = await createServices({
      dataDir: args.dataDir ?? defaultDataDir(env),
      env,
      connection: connectionOf(args)
    })
    // Told on stderr, so --json output stays one document; the command goes on.
    for (const n of services.startupNotices) process.stderr.write(`aidge-tasks: ${noticeText(n)}\n`)
    services.client() // validates the endpoint before any work
    switch (args.command) {
      case 'query':
        return await queryCommand(services, args, io)
      case 'watch':
        return await watchCommand(services, args, io)
      case 'download':
        return await downloadCommand(services, args, io)
      case 'history':
        return historyCommand(services, args, io)
      case 'export':
        return await exportCommand(services, args, io)
      case 'credentials':
        return await credentialsCommand(services, args, io)
      case 'submit':
        return await submitCommand(services, args, io)
      case 'balance':
        return await balanceCommand(services, args, io)
    }
  } catch (e) {
    const { text, usage } = cliErrorText(e)
    process.stderr.write(`aidge-tasks: ${text}\n`)
    return usage ? EXIT.usage : EXIT.failed
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    await services?.close()
  }
  return EXIT.usage
}

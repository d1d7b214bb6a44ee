// The secret from AIDGE_ACCESS_KEY_SECRET is taken once at start and removed from the environment (issue 11,
// item 13), so no child process inherits it. Real services on a temp folder, a real child process.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ENV_ACCESS_KEY_NAME, ENV_ACCESS_KEY_SECRET, takeEnvCredentials } from '../../src/main/credentials'
import { createServices, type Services } from '../../src/main/services'

const SECRET = 'env-secret-0123456789abcdefghijklmnop'
const opened: Array<{ services: Services; dir: string }> = []
afterEach(async () => {
  for (const { services, dir } of opened.splice(0)) {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  }
  delete process.env[ENV_ACCESS_KEY_NAME]
  delete process.env[ENV_ACCESS_KEY_SECRET]
})

async function servicesWith(env?: NodeJS.ProcessEnv): Promise<Services> {
  const dir = mkdtempSync(join(tmpdir(), 'aidge-envtake-'))
  const services = await createServices({ dataDir: dir, ...(env ? { env } : {}) })
  opened.push({ services, dir })
  return services
}

describe('the secret in the environment', () => {
  it('is taken by the services and gone from the environment they were given', async () => {
    const env: NodeJS.ProcessEnv = { [ENV_ACCESS_KEY_NAME]: '512345', [ENV_ACCESS_KEY_SECRET]: SECRET, OTHER: 'kept' }
    const services = await servicesWith(env)
    expect(env).toEqual({ [ENV_ACCESS_KEY_NAME]: '512345', OTHER: 'kept' })
    expect(await services.credentials.get()).toEqual({ accessKeyName: '512345', secret: SECRET })
    expect(await services.credentials.status()).toMatchObject({ backend: 'env', configured: true })
  })

  it('leaves the real process environment, so a child process never inherits it', async () => {
    process.env[ENV_ACCESS_KEY_NAME] = '512345'
    process.env[ENV_ACCESS_KEY_SECRET] = SECRET
    const services = await servicesWith()
    expect(process.env[ENV_ACCESS_KEY_SECRET]).toBeUndefined()
    const child = spawnSync(process.execPath, ['-e', `process.stdout.write(process.env.${ENV_ACCESS_KEY_SECRET} ?? 'absent')`], { encoding: 'utf8' })
    expect(child.stdout).toBe('absent')
    expect((await services.credentials.get())?.secret).toBe(SECRET)
  })

  it('is taken once: the entry point takes it early, the services later get the same pair', () => {
    const env: Record<string, string | undefined> = { [ENV_ACCESS_KEY_NAME]: 'k', [ENV_ACCESS_KEY_SECRET]: SECRET }
    const first = takeEnvCredentials(env)
    expect(env[ENV_ACCESS_KEY_SECRET]).toBeUndefined()
    expect(takeEnvCredentials(env)).toBe(first)
    expect(first[ENV_ACCESS_KEY_SECRET]).toBe(SECRET)
    // set again later (a test, a debugger): taken again
    env[ENV_ACCESS_KEY_SECRET] = 'another-secret'
    expect(takeEnvCredentials(env)[ENV_ACCESS_KEY_SECRET]).toBe('another-secret')
  })
})

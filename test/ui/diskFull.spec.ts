// The disk holding the history fills up while the app tracks tasks: the header says tracking is paused because the
// disk is full, names the folder and its free space, and once space is freed tracking goes on by itself and every
// task finishes. The data folder is a REAL 4 MiB tmpfs (we run as root where mount is allowed); where mounting is
// refused the test is skipped (test/tracking/diskFull.test.ts simulates ENOSPC there).
import { test, expect } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { canMountTmpfs, fillDisk } from '../tmpfs'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

let env: UiEnv | null = null
let mounted: string | null = null
test.afterEach(async () => {
  await env?.harness.close().catch(() => undefined)
  await env?.services.close().catch(() => undefined)
  if (mounted) spawnSync('umount', ['-l', mounted], { stdio: 'ignore' })
  mounted = null
  await env?.close()
  env = null
})

test('a full disk pauses tracking with the folder and free space; freeing space resumes it', async ({ browser }) => {
  test.skip(!canMountTmpfs, 'mount -t tmpfs is not permitted here: the simulated ENOSPC test in test/tracking covers the pause')
  env = await startUiEnv(browser, { presetCredentials: true })
  const dataDir = env.dataDir
  // the data folder becomes a small file system of its own while the app is closed
  await env.restart(() => {
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dataDir]).status).toBe(0)
    mounted = dataDir
  })
  const page = env.page
  const ids = uuids(3)
  env.sim.addTasks(ids.map((id) => ({ id, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 25 }] })))
  await page.getByLabel('Task ids to add').fill(ids.join('\n'))
  await page.getByRole('button', { name: 'Add 3 tasks' }).click()
  const tracking = page.getByRole('status', { name: 'Tracking' })
  await expect(tracking).toContainText('Tracking 3 tasks')

  const filler = fillDisk(dataDir)
  await expect(tracking).toContainText('Paused: disk full', { timeout: 15_000 })
  await expect(tracking).toContainText(new RegExp(`History cannot be saved in ${dataDir} \\(\\d+(\\.\\d)? (B|KB) free\\)`))
  await expect(tracking).toContainText('tracking resumes by itself, and no answer is lost')

  rmSync(filler)
  await expect(page.getByRole('navigation', { name: 'Status' }).getByRole('button', { name: /^Finished/ })).toContainText('3', { timeout: 30_000 })
  await expect(tracking).toContainText('Up to date')
  expect(env.pageErrors).toEqual([])
})

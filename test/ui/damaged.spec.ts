// A history file damaged while the app was closed (header overwritten, truncated, a garbage WAL): the app starts
// anyway, restores what it can, and tells the user in plain words what happened, what was restored and from when,
// and where the damaged file went. Real files, real services, the real renderer in Chromium.
import { test, expect } from '@playwright/test'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { listBackups } from '../../src/main/history'
import { damage, type Damage } from '../history/damage'
import { startUiEnv, type UiEnv } from './fixtures'

let env: UiEnv | null = null
test.afterEach(async () => {
  await env?.close()
  env = null
})

/** the renderer's local date and time in English (formatDateTime: Intl's medium date and time, 24-hour clock);
 * the browser runs in this process's time zone */
const local = (ms: number): string => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }).format(ms)

for (const kind of ['header', 'truncated'] as const satisfies readonly Damage[]) {
  test(`damaged history (${kind}): the app starts on the restored backup and says what happened`, async ({ browser }) => {
    env = await startUiEnv(browser, { presetCredentials: true })
    const history = env.services.history
    for (let i = 0; i < 300; i++) history.recordQuery(`kept-${i}`, { status: 'finished', images: [] })
    // newer than the (empty) backup the start took
    const backup = history.backupNow('daily')
    const backupAt = listBackups(history.file).find((b) => b.file === backup)!.takenAt
    history.addTasks(['after-backup'])
    const file = history.file
    const dataDir = env.dataDir
    await env.restart(() => damage(file, kind))
    const page = env.page

    const notice = page.getByRole('alert', { name: 'History recovered' })
    await expect(notice).toContainText(`Your history was damaged and has been restored from the backup of ${local(backupAt)}.`)
    const damaged = readdirSync(dataDir).find((f) => /^history-damaged-.*\.sqlite$/.test(f))
    expect(damaged).toBeDefined()
    await expect(notice).toContainText(`The damaged file was kept, not deleted: ${join(dataDir, damaged!)}`)
    await expect(notice).toContainText(`Restored from: ${backup}`)
    await expect(notice).toContainText('Tasks added or changed after that backup are not in it')
    // the restored history is the one shown
    await expect(page.getByRole('navigation', { name: 'Status' }).getByRole('button', { name: /^All tasks/ })).toContainText('300')
    await page.getByRole('button', { name: 'Got it' }).click()
    await expect(notice).toHaveCount(0)
    expect(env.pageErrors).toEqual([])
  })
}

test('a garbage WAL: set aside and kept, the history intact, the user told', async ({ browser }) => {
  env = await startUiEnv(browser, { presetCredentials: true })
  env.services.history.addTasks(['one', 'two'])
  const file = env.services.history.file
  await env.restart(() => damage(file, 'garbageWal'))
  const notice = env.page.getByRole('alert', { name: 'History recovered' })
  await expect(notice).toContainText('could not be read and was set aside')
  const wal = readdirSync(env.dataDir).find((f) => f.endsWith('.sqlite-wal') && f.includes('damaged'))
  await expect(notice).toContainText(`The unreadable part was kept: ${join(env.dataDir, wal!)}`)
  await expect(env.page.getByRole('navigation', { name: 'Status' }).getByRole('button', { name: /^All tasks/ })).toContainText('2')
})

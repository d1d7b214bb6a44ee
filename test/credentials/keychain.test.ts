// Against the real keyring daemon that scripts/with-keyring.sh starts (gnome-keyring via D-Bus, through
// keytar and libsecret). Never against a developer's own keyring: outside the script these tests are
// skipped, or fail when AIDGE_REQUIRE_KEYRING=1 (CI).
import { afterEach, describe, expect, it } from 'vitest'
import { createCredentialStore, CredentialStoreError, type CredentialStore, type KeytarLike } from '../../src/main/credentials'
import { keyringForTests, uniqueServiceName } from './keyringHarness'

const SECRET = 'keychain-secret-4c1d-never-shown'
const usable = await keyringForTests('keychain tests', 'test/credentials')
const keytar: KeytarLike = usable ?? (undefined as never)

describe.skipIf(usable === null)('keychain store (real gnome-keyring)', () => {
  const serviceName = uniqueServiceName()
  let store: CredentialStore | undefined

  async function open(): Promise<CredentialStore> {
    store = await createCredentialStore({ serviceName, env: {} })
    return store
  }

  afterEach(async () => {
    await store?.clear()
    for (const { account } of await keytar.findCredentials(serviceName)) await keytar.deletePassword(serviceName, account)
  })

  it('round-trips set, get, status and clear, and survives a new store instance', async () => {
    const first = await open()
    expect(await first.status()).toEqual({ configured: false, accessKeyName: null, backend: 'keychain', persistent: true, problem: null })
    expect(await first.get()).toBeNull()

    await first.set({ accessKeyName: 'key-one', secret: SECRET })
    expect(await first.get()).toEqual({ accessKeyName: 'key-one', secret: SECRET })
    // Stored the way the adapter promises: account = key name, password = secret.
    expect(await keytar.findCredentials(serviceName)).toEqual([{ account: 'key-one', password: SECRET }])

    const second = await open()
    expect(await second.status()).toEqual({ configured: true, accessKeyName: 'key-one', backend: 'keychain', persistent: true, problem: null })
    expect(await second.get()).toEqual({ accessKeyName: 'key-one', secret: SECRET })

    await second.clear()
    expect(await second.get()).toBeNull()
    expect((await second.status()).configured).toBe(false)
    expect(await keytar.findCredentials(serviceName)).toEqual([])
  })

  it('replaces the previous key on set, and updates the secret of the same key', async () => {
    const s = await open()
    await s.set({ accessKeyName: 'old-key', secret: `${SECRET}-old` })
    await s.set({ accessKeyName: 'new-key', secret: SECRET })
    expect(await keytar.findCredentials(serviceName)).toEqual([{ account: 'new-key', password: SECRET }])
    await s.set({ accessKeyName: 'new-key', secret: `${SECRET}-rotated` })
    expect(await s.get()).toEqual({ accessKeyName: 'new-key', secret: `${SECRET}-rotated` })
    expect(await keytar.findCredentials(serviceName)).toHaveLength(1)
  })

  it('clear removes every account of the service, also ones written by someone else', async () => {
    await keytar.setPassword(serviceName, 'stray-a', 'a')
    await keytar.setPassword(serviceName, 'stray-b', 'b')
    const s = await open()
    await s.clear()
    expect(await keytar.findCredentials(serviceName)).toEqual([])
  })

  it('status never contains the secret', async () => {
    const s = await open()
    await s.set({ accessKeyName: 'key-one', secret: SECRET })
    const status = await s.status()
    expect(status.configured).toBe(true)
    expect(JSON.stringify(status)).not.toContain(SECRET)
  })

  it('rejects invalid credentials without echoing the secret and keeps the stored ones', async () => {
    const s = await open()
    await s.set({ accessKeyName: 'key-one', secret: SECRET })
    const error = await s.set({ accessKeyName: 'key two', secret: `${SECRET}-new` }).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(CredentialStoreError)
    expect((error as CredentialStoreError).kind).toBe('invalid')
    expect((error as Error).message).not.toContain(SECRET)
    expect(await s.get()).toEqual({ accessKeyName: 'key-one', secret: SECRET })
  })

  it('environment variables take precedence over a filled keychain, which they leave alone', async () => {
    const s = await open()
    await s.set({ accessKeyName: 'keychain-key', secret: SECRET })
    const fromEnv = await createCredentialStore({
      serviceName,
      env: { AIDGE_ACCESS_KEY_NAME: 'env-key', AIDGE_ACCESS_KEY_SECRET: 'env-secret' }
    })
    expect(await fromEnv.status()).toMatchObject({ backend: 'env', accessKeyName: 'env-key' })
    expect(await fromEnv.get()).toEqual({ accessKeyName: 'env-key', secret: 'env-secret' })
    await expect(fromEnv.clear()).rejects.toThrow(/Unset both variables/)
    expect(await keytar.findCredentials(serviceName)).toEqual([{ account: 'keychain-key', password: SECRET }])
  })

  it('the start-up probe leaves nothing behind in the keychain', async () => {
    await open()
    expect(await keytar.findCredentials(`${serviceName} (keychain check)`)).toEqual([])
    expect(await keytar.findCredentials(serviceName)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import {
  createMemoryStore,
  CredentialStoreError,
  MAX_ACCESS_KEY_NAME_LENGTH,
  MAX_SECRET_LENGTH,
  validateCredentials
} from '../../src/main/credentials'

const SECRET = 'S3cr3t-value-that-must-never-be-echoed'

function errorOf(run: () => unknown): CredentialStoreError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialStoreError)
    return error as CredentialStoreError
  }
  throw new Error('expected a CredentialStoreError')
}

describe('validateCredentials', () => {
  it('accepts a normal key pair and returns it unchanged', () => {
    expect(validateCredentials({ accessKeyName: '501234', secret: SECRET })).toEqual({ accessKeyName: '501234', secret: SECRET })
    const longest = { accessKeyName: 'k'.repeat(MAX_ACCESS_KEY_NAME_LENGTH), secret: 's'.repeat(MAX_SECRET_LENGTH) }
    expect(validateCredentials(longest)).toEqual(longest)
  })

  it.each([
    ['empty name', { accessKeyName: '', secret: SECRET }, /access key name is empty/],
    ['name with a space', { accessKeyName: 'my key', secret: SECRET }, /name contains spaces/],
    ['name with a trailing newline', { accessKeyName: 'key\n', secret: SECRET }, /name contains a control character/],
    ['name too long', { accessKeyName: 'k'.repeat(MAX_ACCESS_KEY_NAME_LENGTH + 1), secret: SECRET }, /name is too long \(129 characters; at most 128\)/],
    ['empty secret', { accessKeyName: 'key', secret: '' }, /secret is empty/],
    ['secret too long', { accessKeyName: 'key', secret: SECRET.repeat(10) }, /secret is too long \(380 characters; at most 256\)/],
    ['secret with a newline', { accessKeyName: 'key', secret: `${SECRET}\n` }, /secret contains a control character/],
    ['secret with a tab', { accessKeyName: 'key', secret: `${SECRET}\tx` }, /secret contains a control character/],
    ['secret with DEL', { accessKeyName: 'key', secret: `${SECRET}\u007f` }, /secret contains a control character/]
  ])('rejects %s with a plain message that does not echo the secret', (_label, credentials, message) => {
    const error = errorOf(() => validateCredentials(credentials))
    expect(error.kind).toBe('invalid')
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain(SECRET)
    expect(String(error.stack)).not.toContain(SECRET)
  })

  it('does not echo a secret pasted into the name field either', () => {
    const error = errorOf(() => validateCredentials({ accessKeyName: `${SECRET} `, secret: SECRET }))
    expect(error.message).not.toContain(SECRET)
  })

  it('rejects values that are not strings (a payload from elsewhere)', () => {
    const bad = { accessKeyName: 42, secret: null } as unknown as { accessKeyName: string; secret: string }
    expect(errorOf(() => validateCredentials(bad)).message).toMatch(/name is empty/)
  })
})

describe('memory store', () => {
  it('keeps one key pair for the session and never reports the secret in status', async () => {
    const store = createMemoryStore({ problem: 'because' })
    expect(await store.status()).toEqual({ configured: false, accessKeyName: null, backend: 'memory', persistent: false, problem: 'because' })
    await store.set({ accessKeyName: 'first', secret: SECRET })
    await store.set({ accessKeyName: 'second', secret: `${SECRET}-2` })
    expect(await store.get()).toEqual({ accessKeyName: 'second', secret: `${SECRET}-2` })
    const status = await store.status()
    expect(status).toMatchObject({ configured: true, accessKeyName: 'second', backend: 'memory', persistent: false })
    expect(JSON.stringify(status)).not.toContain(SECRET)
    await store.clear()
    expect(await store.get()).toBeNull()
  })

  it('rejects invalid credentials and keeps the previous ones', async () => {
    const store = createMemoryStore()
    await store.set({ accessKeyName: 'key', secret: SECRET })
    await expect(store.set({ accessKeyName: 'key', secret: '' })).rejects.toThrow(/secret is empty/)
    expect(await store.get()).toEqual({ accessKeyName: 'key', secret: SECRET })
  })

  it('hands out copies, so a caller cannot change the stored value', async () => {
    const store = createMemoryStore()
    await store.set({ accessKeyName: 'key', secret: SECRET })
    const got = await store.get()
    if (got) got.secret = 'changed'
    expect((await store.get())?.secret).toBe(SECRET)
  })
})

// Which settings changes move signed calls to another host (and so need the user's answer in main's dialog), and
// that one question is open at a time. The dialog itself is Electron's (src/main/dialogs.ts); here a function
// stands in for the user's answer.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, mergeSettings } from '../../src/shared/settings'
import { createEndpointConfirmation, endpointChangeOf } from '../../src/main/handlers/endpointChange'

const saved = mergeSettings(DEFAULT_SETTINGS, {})
const custom = mergeSettings(DEFAULT_SETTINGS, { endpoint: 'http://127.0.0.1:8787' })

describe('endpointChangeOf', () => {
  it('names the new host when the region or the endpoint moves calls elsewhere', () => {
    expect(endpointChangeOf(saved, { region: 'cn' })).toEqual({ host: 'cn-api.aidc-ai.com', url: 'https://cn-api.aidc-ai.com' })
    expect(endpointChangeOf(saved, { endpoint: 'https://evil.example:8443/rest' })).toEqual({ host: 'evil.example:8443', url: 'https://evil.example:8443/rest' })
    expect(endpointChangeOf(custom, { endpoint: null })).toEqual({ host: 'api.aidc-ai.com', url: 'https://api.aidc-ai.com' })
    expect(endpointChangeOf(custom, { endpoint: '  ' })).toEqual({ host: 'api.aidc-ai.com', url: 'https://api.aidc-ai.com' })
    expect(endpointChangeOf(custom, { endpoint: 'http://127.0.0.1:8788' })?.host).toBe('127.0.0.1:8788')
  })

  it('asks nothing when the origin stays: other fields, the same URL, a region under a custom endpoint, an invalid URL', () => {
    expect(endpointChangeOf(saved, { theme: 'dark' })).toBeNull()
    expect(endpointChangeOf(saved, { region: 'global', endpoint: 'https://api.aidc-ai.com/' })).toBeNull()
    expect(endpointChangeOf(custom, { region: 'cn' })).toBeNull()
    expect(endpointChangeOf(custom, { endpoint: 'http://127.0.0.1:8787/base' })).toBeNull()
    // refused by the settings store with its own message; no dialog for it
    expect(endpointChangeOf(saved, { endpoint: 'http://evil.example' })).toBeNull()
    expect(endpointChangeOf(saved, { endpoint: 'not a url' })).toBeNull()
  })

  it("saving back this run's endpoint (typed on the command line or in the environment) asks nothing; another one does", () => {
    expect(endpointChangeOf(saved, { endpoint: 'http://127.0.0.1:8787' }, custom)).toBeNull()
    expect(endpointChangeOf(saved, { endpoint: 'http://127.0.0.1:8788' }, custom)?.host).toBe('127.0.0.1:8788')
    expect(endpointChangeOf(saved, { region: 'cn' }, custom)?.host).toBe('cn-api.aidc-ai.com')
  })
})

describe('createEndpointConfirmation', () => {
  it('one question at a time; the answer decides; a failing dialog is a no', async () => {
    const answers: Array<(yes: boolean) => void> = []
    const confirm = createEndpointConfirmation(() => new Promise<boolean>((r) => answers.push(r)))
    const first = confirm(saved, { region: 'cn' })
    await Promise.resolve()
    expect(await confirm(saved, { endpoint: 'https://other.example' })).toMatchObject({ outcome: 'busy' })
    expect(await confirm(saved, { theme: 'dark' })).toMatchObject({ outcome: 'unchanged' })
    answers[0]?.(true)
    expect(await first).toEqual({ outcome: 'confirmed', change: { host: 'cn-api.aidc-ai.com', url: 'https://cn-api.aidc-ai.com' } })
    const second = confirm(saved, { endpoint: 'https://other.example' })
    await Promise.resolve()
    answers[1]?.(false)
    expect(await second).toMatchObject({ outcome: 'declined' })
    const failing = createEndpointConfirmation(() => Promise.reject(new Error('no window')))
    expect(await failing(saved, { region: 'cn' })).toMatchObject({ outcome: 'declined' })
  })
})

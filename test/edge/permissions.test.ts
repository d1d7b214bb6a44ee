// The session's permission decisions (window.ts installs them as Electron's request, check and device handlers).
import { describe, expect, it } from 'vitest'
import { isAppOrigin } from '../../src/main/appScheme'
import { devicePermissionGranted, permissionGranted } from '../../src/main/permissions'

describe('permission decisions', () => {
  it('grants notifications to the app page only', () => {
    expect(permissionGranted('notifications', 'aidge-app://app/index.html', isAppOrigin)).toBe(true)
    expect(permissionGranted('notifications', 'aidge-app://app', isAppOrigin)).toBe(true)
    expect(permissionGranted('notifications', 'https://evil.example/', isAppOrigin)).toBe(false)
    expect(permissionGranted('notifications', 'aidge-app://other/', isAppOrigin)).toBe(false)
    expect(permissionGranted('notifications', '', isAppOrigin)).toBe(false)
    expect(permissionGranted('notifications', undefined, isAppOrigin)).toBe(false)
  })

  it('denies everything else, even to the app page', () => {
    for (const p of ['media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'midiSysex', 'pointerLock', 'unknown', 'Notifications', 'notifications ']) {
      expect(permissionGranted(p, 'aidge-app://app/index.html', isAppOrigin), p).toBe(false)
    }
    expect(devicePermissionGranted()).toBe(false)
  })
})

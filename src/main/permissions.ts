// What the page may ask the browser engine for: nothing but notifications, and only from the app's own page.
// Electron grants every permission unless the app installs handlers (security checklist, item 5); window.ts
// installs these decisions as the session's request, check and device handlers. Plain Node, unit-tested.

const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications'])

/**
 * Whether a permission request or check is granted: `permission` asked by the page at `origin` (a URL or an
 * origin; empty when Electron does not say). `isAppOrigin` says whether that is the app's own page.
 */
export function permissionGranted(permission: string, origin: string | undefined, isAppOrigin: (origin: string) => boolean): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && !!origin && isAppOrigin(origin)
}

/** USB, HID, serial and Bluetooth devices: the app needs none of them. */
export function devicePermissionGranted(): boolean {
  return false
}

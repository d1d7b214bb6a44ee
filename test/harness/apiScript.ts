import { CHANNELS, EVENTS } from '../../src/shared/ipc'

/**
 * The harness's stand-in for the preload: a window.api with the same shape (WindowApi), built from the same
 * contract tables, that talks to the harness over HTTP (requests) and server-sent events (push events) instead of
 * Electron IPC. The page must be opened with ?token=… (the harness refuses requests without it).
 * `language` (a BCP 47 tag) stands in for the operating system's language: the page's navigator.language and
 * navigator.languages report it, as they report the OS language in Electron's renderer.
 */
export function apiScript(options: { language?: string } = {}): string {
  const language = options.language ? `
  const LANGUAGES = Object.freeze([${JSON.stringify(options.language)}]);
  Object.defineProperty(Navigator.prototype, 'language', { get: () => LANGUAGES[0], configurable: true });
  Object.defineProperty(Navigator.prototype, 'languages', { get: () => LANGUAGES, configurable: true });` : ''
  return `(() => {
  'use strict';${language}
  const CHANNELS = new Set(${JSON.stringify(CHANNELS)});
  const EVENTS = new Set(${JSON.stringify(EVENTS)});
  const params = new URLSearchParams(location.search);
  if (params.get('token')) sessionStorage.setItem('harness-token', params.get('token'));
  const token = sessionStorage.getItem('harness-token') || '';
  const listeners = new Map();
  // Electron's IPC is there from the page's start: an event main sends reaches whichever listeners exist when it
  // arrives, and a request's answer reflects what main had sent before it. So the event stream opens first, and
  // requests go out once the harness holds it: a listener added before a request then misses nothing after it.
  const source = new EventSource('/__harness/events?token=' + encodeURIComponent(token));
  source.onmessage = (m) => {
    const { event, payload } = JSON.parse(m.data);
    for (const l of listeners.get(event) || []) { try { l(payload); } catch (e) { console.error(e); } }
  };
  // a refused stream (no token) must not hold requests: their own answers say what is wrong
  const streamOpen = new Promise((resolve) => { source.onopen = resolve; source.addEventListener('error', resolve, { once: true }); });
  const api = {
    invoke(channel, ...args) {
      if (!CHANNELS.has(channel)) return Promise.resolve({ ok: false, error: { kind: 'forbidden', code: 'UNKNOWN_CHANNEL', message: 'Unknown request.', retryable: false } });
      return streamOpen.then(() => fetch('/__harness/invoke/' + encodeURIComponent(channel), {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-harness-token': token }, body: JSON.stringify(args)
      }).then(
        (r) => r.ok ? r.json() : { ok: false, error: { kind: r.status === 403 ? 'forbidden' : r.status === 413 ? 'invalidInput' : 'unavailable', code: 'HARNESS_HTTP_' + r.status, message: r.status === 413 ? 'The request is too large.' : 'The app refused the request.', retryable: false } },
        () => ({ ok: false, error: { kind: 'unavailable', code: 'HARNESS_DOWN', message: 'The app is not answering.', retryable: true } })));
    },
    on(event, listener) {
      if (!EVENTS.has(event)) throw new Error('Unknown event ' + event);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => { listeners.get(event).delete(listener); };
    }
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
`
}

// The one allow-list of external links: the vendor's documentation and console, the project's own pages.
import { describe, expect, it } from 'vitest'
import { APP_LINKS, checkExternalLink, PROJECT_HOME } from '../../src/main/externalLinks'

describe('checkExternalLink', () => {
  it('admits the links the app offers and other pages on the allowed hosts', () => {
    for (const url of Object.values(APP_LINKS)) expect(checkExternalLink(url), url).toEqual({ ok: true, url: new URL(url).toString() })
    for (const url of ['https://www.aidge.com/documentation/api?id=1#x', 'https://aidge.com/', `${PROJECT_HOME}/releases/tag/v1`, `${PROJECT_HOME}`, 'HTTPS://WWW.AIDGE.COM/x']) {
      expect(checkExternalLink(url).ok, url).toBe(true)
    }
  })

  it('refuses every other host, look-alike, scheme, port and credential', () => {
    const refused: Array<[string, string]> = [
      ['https://example.com/', 'LINK_NOT_ALLOWED'],
      ['https://www.aidge.com.evil.example/documentation', 'LINK_NOT_ALLOWED'],
      ['https://evil-aidge.com/', 'LINK_NOT_ALLOWED'],
      ['https://docs.aidge.com.attacker.net/', 'LINK_NOT_ALLOWED'],
      ['https://www.aidge.com:8443/', 'LINK_NOT_ALLOWED'],
      ['https://user:pass@www.aidge.com/', 'LINK_NOT_ALLOWED'],
      ['https://www.aidge.com@evil.example/', 'LINK_NOT_ALLOWED'],
      ['https://github.com/', 'LINK_NOT_ALLOWED'],
      ['https://github.com/someone/else', 'LINK_NOT_ALLOWED'],
      [`${PROJECT_HOME}-evil/issues`, 'LINK_NOT_ALLOWED'],
      [`https://gist.github.com${new URL(PROJECT_HOME).pathname}`, 'LINK_NOT_ALLOWED'],
      ['https://127.0.0.1/', 'LINK_NOT_ALLOWED'],
      ['http://www.aidge.com/', 'HTTPS_ONLY'],
      ['javascript:alert(1)', 'HTTPS_ONLY'],
      ['file:///etc/passwd', 'HTTPS_ONLY'],
      ['smb://www.aidge.com/share', 'HTTPS_ONLY'],
      ['aidge-app://app/index.html', 'HTTPS_ONLY'],
      ['not a url', 'NOT_A_URL'],
      ['', 'NOT_A_URL']
    ]
    for (const [url, code] of refused) expect(checkExternalLink(url), url).toMatchObject({ ok: false, code })
  })

  it('normalises what it admits (the browser gets the parsed URL, not the raw string)', () => {
    expect(checkExternalLink('https://www.AIDGE.com/a b')).toEqual({ ok: true, url: 'https://www.aidge.com/a%20b' })
  })
})

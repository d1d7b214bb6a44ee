// Words the list renders for every row (labels, tooltips, status names). i18next's t() resolves the key, picks the
// plural form and runs its interpolation regexes on every call; a row asked it six times, and while the list
// scrolls fast some 40 new rows a frame do, which cost whole frames (npm run bench:ui, issue 14). These ask t()
// once per language and then only look up or join strings.
import { i18n } from './index'

// bumped when the words can change: another language, or a language's catalog arriving
let version = 0
const bump = (): void => void version++
i18n.on('languageChanged', bump)
i18n.store.on('added', bump)

/** `make()` once per language (and again when a catalog arrives): for words without variables. */
export function perLanguage<T>(make: () => T): () => T {
  let at = -1
  let value: T
  return () => {
    if (at !== version) {
      value = make()
      at = version
    }
    return value
  }
}

const MARK = '\u0000'

/**
 * A translation with plain {{variables}}, compiled once per language: `render` calls t() with `slot(name)` for each
 * variable, and the string it returns is cut at the slots. Only for variables t() puts in as they are (no
 * `, number` format, no plural count, no nesting): the marks must come out of t() untouched.
 */
export function template<V extends string>(render: (slot: (name: V) => string) => string): (values: Readonly<Record<V, string | number>>) => string {
  const parts = perLanguage(() => render((name) => `${MARK}${name}${MARK}`).split(MARK))
  return (values) => {
    const p = parts()
    let s = p[0] as string
    for (let i = 1; i < p.length; i += 2) s += String(values[p[i] as V]) + (p[i + 1] as string)
    return s
  }
}
